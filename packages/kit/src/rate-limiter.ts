/**
 * The rate-limiter port. Sliding window log: a hit is allowed when fewer than `limit` allowed
 * hits fall within the last `windowMs`; refused hits are not counted, so a client that keeps
 * hammering gets back in as soon as its old hits age out.
 */

export interface RateLimitResult {
  allowed: boolean;
  /** Hits still allowed in the current window after this one. */
  remaining: number;
  /** Milliseconds until the oldest counted hit leaves the window, freeing a slot. */
  resetMs: number;
}

export interface RateLimiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult>;
}
