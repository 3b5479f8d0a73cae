/**
 * The global HTTP limit (rest.md §1.4): 300 requests a minute per client address, on every
 * route including /health, /api/auth/* and WebSocket upgrades (the original's allow-list never
 * took effect). Counters live in Redis when it is configured, so instances share them.
 */
import { type RateLimiter, rateLimit } from "@rt/kit";
import type { MiddlewareHandler } from "hono";
import type { ClientAddress } from "./client-address.ts";

export const HTTP_RATE_LIMIT = 300;
export const HTTP_RATE_WINDOW_MS = 60_000;

export function httpRateLimit(limiter: RateLimiter, clientAddress: ClientAddress): MiddlewareHandler {
  return rateLimit({
    limiter,
    limit: HTTP_RATE_LIMIT,
    windowMs: HTTP_RATE_WINDOW_MS,
    key: (c) => {
      const address = clientAddress(c);
      return address === undefined ? undefined : `http:${address}`;
    },
  });
}
