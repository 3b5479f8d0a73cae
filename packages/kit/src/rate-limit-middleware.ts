/** Rate limiting as Hono middleware; refusals go through the app's error mapper as `rate_limited`. */
import type { Context, MiddlewareHandler } from "hono";
import { AppError } from "./errors.ts";
import type { RateLimiter } from "./rate-limiter.ts";

export interface RateLimitOptions {
  limiter: RateLimiter;
  limit: number;
  windowMs: number;
  /** What to count against, e.g. the client IP or user id; `undefined` lets the request through. */
  key: (c: Context) => string | undefined | Promise<string | undefined>;
  message?: string;
}

export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  return async (c, next) => {
    const key = await options.key(c);
    if (key === undefined) return next();
    const result = await options.limiter.hit(key, options.limit, options.windowMs);
    const resetSeconds = String(Math.ceil(result.resetMs / 1000));
    const headers: Record<string, string> = {
      "X-RateLimit-Limit": String(options.limit),
      "X-RateLimit-Remaining": String(result.remaining),
      "X-RateLimit-Reset": resetSeconds,
    };
    if (!result.allowed) {
      throw new AppError("rate_limited", options.message ?? "Too many requests", {
        details: { retryAfterMs: result.resetMs },
        headers: { ...headers, "Retry-After": resetSeconds },
      });
    }
    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  };
}
