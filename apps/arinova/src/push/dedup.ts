/**
 * "Was a push of this type sent to this user in the last 30 s?" (runtime.md §5.1), shared
 * across instances with Redis so two instances do not both notify.
 */
import type Redis from "ioredis";

export interface PushDedup {
  /** True (and the window starts) when no push passed for `key` within `windowMs`. */
  claim(key: string, windowMs: number): Promise<boolean>;
}

export class MemoryPushDedup implements PushDedup {
  readonly #last = new Map<string, number>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  async claim(key: string, windowMs: number): Promise<boolean> {
    const now = this.#now();
    const last = this.#last.get(key);
    if (last !== undefined && now - last < windowMs) return false;
    // The original swept entries older than 60 s every minute; pruning on write does the same.
    if (this.#last.size > 10_000)
      for (const [k, at] of this.#last) if (now - at >= 60_000) this.#last.delete(k);
    this.#last.set(key, now);
    return true;
  }
}

export class RedisPushDedup implements PushDedup {
  readonly #redis: Redis;

  constructor(redis: Redis) {
    this.#redis = redis;
  }

  async claim(key: string, windowMs: number): Promise<boolean> {
    return (await this.#redis.set(`push:dedup:${key}`, "1", "PX", windowMs, "NX")) === "OK";
  }
}
