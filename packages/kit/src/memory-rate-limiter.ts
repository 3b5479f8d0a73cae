/** Rate limiting within one process. Memory is bounded: keys whose hits have all expired are swept. */
import type { RateLimiter, RateLimitResult } from "./rate-limiter.ts";

export interface MemoryRateLimiterOptions {
  now?: () => number;
  /** How often, at most, a hit also sweeps expired keys. */
  sweepIntervalMs?: number;
}

interface Window {
  /** Times of the allowed hits still in the window, oldest first. */
  hits: number[];
  windowMs: number;
}

export class MemoryRateLimiter implements RateLimiter {
  readonly #windows = new Map<string, Window>();
  readonly #now: () => number;
  readonly #sweepIntervalMs: number;
  #lastSweep: number;

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 60_000;
    this.#lastSweep = this.#now();
  }

  /** Keys currently tracked. */
  get size(): number {
    return this.#windows.size;
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const now = this.#now();
    // Sweeping on the hit path needs no timer to clean up; an idle limiter holds still anyway.
    if (now - this.#lastSweep >= this.#sweepIntervalMs) this.sweep(now);

    let window = this.#windows.get(key);
    if (!window) {
      window = { hits: [], windowMs };
      this.#windows.set(key, window);
    }
    window.windowMs = windowMs;
    const hits = window.hits;
    let expired = 0;
    while (expired < hits.length && hits[expired]! <= now - windowMs) expired++;
    if (expired > 0) hits.splice(0, expired);

    const allowed = hits.length < limit;
    if (allowed) hits.push(now);
    if (hits.length === 0) this.#windows.delete(key);
    const oldest = hits[0];
    return {
      allowed,
      remaining: Math.max(0, limit - hits.length),
      resetMs: oldest === undefined ? windowMs : oldest + windowMs - now,
    };
  }

  /** Drops keys with no hit left in their window. */
  sweep(now: number = this.#now()): void {
    this.#lastSweep = now;
    for (const [key, window] of this.#windows) {
      const newest = window.hits.at(-1);
      if (newest === undefined || newest <= now - window.windowMs) this.#windows.delete(key);
    }
  }
}
