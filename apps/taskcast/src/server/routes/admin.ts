/**
 * `POST /admin/token` (api.md §4): trades the configured admin token for a JWT. Public (no
 * auth middleware); answers 404 unless the admin API is switched on.
 */
import type { Hono } from "hono";
import { SignJWT } from "jose";
import type { AuthConfig } from "../auth/context.ts";
import type { TaskcastEnv } from "../env.ts";
import { httpError } from "../errors.ts";

export interface AdminOptions {
  adminApi?: boolean;
  adminToken?: string;
}

const DEFAULT_LIFETIME_SECONDS = 86_400;

export function adminRoutes(
  app: Hono<TaskcastEnv>,
  admin: AdminOptions,
  auth: AuthConfig,
  now: () => number,
): void {
  app.post("/admin/token", async (c) => {
    if (admin.adminApi !== true) throw httpError(404, "Not found");
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw httpError(400, "Invalid request body");
    }
    const fields = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const presented = fields.adminToken;
    // Plain equality, as the original compares it.
    if (typeof presented !== "string" || presented === "" || presented !== admin.adminToken) {
      throw httpError(401, "Invalid admin token");
    }
    const scope = Array.isArray(fields.scopes) ? fields.scopes : ["*"];
    const lifetime =
      typeof fields.expiresIn === "number" && fields.expiresIn > 0
        ? fields.expiresIn
        : DEFAULT_LIFETIME_SECONDS;
    const iat = Math.floor(now() / 1000);
    const exp = iat + lifetime;
    const secret = auth.mode === "jwt" ? auth.jwt?.secret : undefined;
    if (!secret) return c.json({ token: "", expiresAt: exp });
    // Claims in the original's order: sub, scope, taskIds, exp, iat; the header is just `alg`.
    const token = await new SignJWT({ sub: "admin", scope, taskIds: "*", exp, iat })
      .setProtectedHeader({ alg: auth.jwt?.algorithm ?? "HS256" })
      .sign(new TextEncoder().encode(secret));
    return c.json({ token, expiresAt: exp });
  });
}
