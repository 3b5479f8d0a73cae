/**
 * CORS as the original's @fastify/cors answered it (rest.md §1.5): credentials always allowed,
 * listed origins (or any, with `*`) reflected, preflights answered here with 204 before rate
 * limiting and routing.
 */
import type { MiddlewareHandler } from "hono";

const ALLOWED_METHODS = "GET, HEAD, POST, PUT, DELETE, PATCH";

export function cors(origins: "*" | readonly string[]): MiddlewareHandler {
  const allowed = (origin: string | undefined): origin is string =>
    origin !== undefined && (origins === "*" || origins.includes(origin));

  return async (c, next) => {
    const origin = c.req.header("origin");
    const isPreflight =
      c.req.method === "OPTIONS" && c.req.header("access-control-request-method") !== undefined;
    if (isPreflight) {
      const headers = new Headers({
        "access-control-allow-credentials": "true",
        "access-control-allow-methods": ALLOWED_METHODS,
        vary: "Origin, Access-Control-Request-Headers",
        "content-length": "0",
      });
      if (allowed(origin)) headers.set("access-control-allow-origin", origin);
      const requested = c.req.header("access-control-request-headers");
      if (requested !== undefined) headers.set("access-control-allow-headers", requested);
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.res.headers.set("access-control-allow-credentials", "true");
    if (allowed(origin)) {
      c.res.headers.set("access-control-allow-origin", origin);
      c.res.headers.append("vary", "Origin");
    }
  };
}
