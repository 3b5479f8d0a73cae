/**
 * The auth middleware of protected paths (api.md §1), in the original's order: service key,
 * then the configured mode. It only establishes who is calling; each route checks scopes.
 */
import type { MiddlewareHandler } from "hono";
import type { TaskcastEnv } from "../env.ts";
import { httpError, UNAUTHORIZED } from "../errors.ts";
import { type AuthConfig, type AuthContext, OPEN_ACCESS } from "./context.ts";
import { JwtVerifier } from "./jwt.ts";
import { ServiceKeys } from "./service-keys.ts";

export const SERVICE_KEY_HEADER = "x-taskcast-service-key";

export function createAuthenticator(config: AuthConfig): (request: Request) => Promise<AuthContext> {
  const services = new ServiceKeys(config.trustedServices ?? []);
  const verifier = config.mode === "jwt" && config.jwt ? new JwtVerifier(config.jwt) : undefined;

  return async (request) => {
    const serviceKey = request.headers.get(SERVICE_KEY_HEADER);
    if (serviceKey !== null && services.configured) {
      const context = services.authenticate(serviceKey);
      if (!context) throw httpError(401, "Invalid service key");
      return context;
    }
    if (config.mode === "none") return OPEN_ACCESS;
    if (config.mode === "custom" && config.middleware) {
      const context = await config.middleware(request);
      if (!context) throw UNAUTHORIZED();
      return context;
    }
    if (verifier) {
      const header = request.headers.get("authorization");
      // Case-sensitive with exactly one space, as the original checks it.
      if (!header?.startsWith("Bearer ")) throw httpError(401, "Missing Bearer token");
      return verifier.verify(header.slice("Bearer ".length));
    }
    throw UNAUTHORIZED();
  };
}

export function authMiddleware(config: AuthConfig): MiddlewareHandler<TaskcastEnv> {
  const authenticate = createAuthenticator(config);
  return async (c, next) => {
    c.set("auth", await authenticate(c.req.raw));
    await next();
  };
}
