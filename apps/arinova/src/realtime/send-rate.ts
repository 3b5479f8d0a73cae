/**
 * The per-user `send_message` limit: 10 per epoch-aligned minute (websocket.md §2.4), on the
 * original's Redis keys `ws:rate:<userId>:<minute>` so every instance counts together. When
 * Redis fails, a per-process window keeps the limit, as the original's fallback did.
 */
import type Redis from "ioredis";

export const SEND_LIMIT_PER_MINUTE = 10;

export interface SendRate {
  /** Counts one message; false when the user is over the limit. */
  allow(userId: string): Promise<boolean>;
}

export class MemorySendRate implements SendRate {
  readonly #buckets = new Map<string, { minute: number; count: number }>();
  readonly #limit: number;
  readonly #now: () => number;

  constructor(limit = SEND_LIMIT_PER_MINUTE, now: () => number = Date.now) {
    this.#limit = limit;
    this.#now = now;
  }

  async allow(userId: string): Promise<boolean> {
    const minute = Math.floor(this.#now() / 60_000);
    const bucket = this.#buckets.get(userId);
    if (bucket === undefined || bucket.minute !== minute) {
      // Old buckets go when their user sends again; sweep the rest when the map grows.
      if (this.#buckets.size > 10_000) {
        for (const [id, b] of this.#buckets) if (b.minute !== minute) this.#buckets.delete(id);
      }
      this.#buckets.set(userId, { minute, count: 1 });
      return 1 <= this.#limit;
    }
    bucket.count += 1;
    return bucket.count <= this.#limit;
  }
}

export class RedisSendRate implements SendRate {
  readonly #redis: Redis;
  readonly #limit: number;
  readonly #fallback: MemorySendRate;
  readonly #now: () => number;

  constructor(redis: Redis, limit = SEND_LIMIT_PER_MINUTE, now: () => number = Date.now) {
    this.#redis = redis;
    this.#limit = limit;
    this.#now = now;
    this.#fallback = new MemorySendRate(limit, now);
  }

  async allow(userId: string): Promise<boolean> {
    const key = `ws:rate:${userId}:${Math.floor(this.#now() / 60_000)}`;
    try {
      const count = await this.#redis.incr(key);
      if (count === 1) await this.#redis.expire(key, 120);
      return count <= this.#limit;
    } catch {
      return this.#fallback.allow(userId);
    }
  }
}
