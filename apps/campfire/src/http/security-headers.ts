import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

// Rails' default headers, plus a Content-Security-Policy the original never switched on: no script
// runs unless it was served from here. Styles may be inline because Trix injects its own.
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join("; ");

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const headers = c.res.headers;
  headers.set("X-Frame-Options", "SAMEORIGIN");
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Permitted-Cross-Domain-Policies", "none");
  // A route may have set a stricter one (uploaded files are served sandboxed).
  if (!headers.has("Content-Security-Policy")) headers.set("Content-Security-Policy", POLICY);
  headers.set("X-Version", c.var.services.version);
  headers.set("X-Rev", c.var.services.revision);
};
