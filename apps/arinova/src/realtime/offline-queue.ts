/**
 * Events for a user with no open socket anywhere, delivered in order on the next connect
 * (websocket.md §2.6). A list, not the original's sorted set: two identical events (say two
 * equal chunks) are two events, and draining is one atomic read-and-delete.
 */
import type Redis from "ioredis";

export interface OfflineQueueBounds {
  /** The newest events kept per user (1,000). */
  limit: number;
  /** Dropped after this long without a new event (24 h). */
  ttlMs: number;
}

export const OFFLINE_BOUNDS: OfflineQueueBounds = { limit: 1000, ttlMs: 86_400_000 };

export interface OfflineQueue {
  push(userId: string, event: string): Promise<void>;
  /** Everything queued, oldest first; the queue is empty afterwards. */
  drain(userId: string): Promise<string[]>;
}

export class MemoryOfflineQueue implements OfflineQueue {
  readonly #queues = new Map<string, { events: string[]; expiresAt: number }>();
  readonly #bounds: OfflineQueueBounds;
  readonly #now: () => number;

  constructor(bounds: OfflineQueueBounds = OFFLINE_BOUNDS, now: () => number = Date.now) {
    this.#bounds = bounds;
    this.#now = now;
  }

  async push(userId: string, event: string): Promise<void> {
    const now = this.#now();
    let queue = this.#queues.get(userId);
    if (queue === undefined || queue.expiresAt <= now) {
      queue = { events: [], expiresAt: 0 };
      this.#queues.set(userId, queue);
    }
    const { limit, ttlMs } = this.#bounds;
    queue.events.push(event);
    if (queue.events.length > limit) queue.events.splice(0, queue.events.length - limit);
    queue.expiresAt = now + ttlMs;
  }

  async drain(userId: string): Promise<string[]> {
    const queue = this.#queues.get(userId);
    this.#queues.delete(userId);
    if (queue === undefined || queue.expiresAt <= this.#now()) return [];
    return queue.events;
  }
}

const offlineKey = (userId: string): string => `ws:pending:${userId}`;

export class RedisOfflineQueue implements OfflineQueue {
  readonly #redis: Redis;
  readonly #bounds: OfflineQueueBounds;

  constructor(redis: Redis, bounds: OfflineQueueBounds = OFFLINE_BOUNDS) {
    this.#redis = redis;
    this.#bounds = bounds;
  }

  async push(userId: string, event: string): Promise<void> {
    const key = offlineKey(userId);
    await this.#redis
      .multi()
      .rpush(key, event)
      .ltrim(key, -this.#bounds.limit, -1)
      .pexpire(key, this.#bounds.ttlMs)
      .exec();
  }

  async drain(userId: string): Promise<string[]> {
    const key = offlineKey(userId);
    const results = await this.#redis.multi().lrange(key, 0, -1).del(key).exec();
    const events = results?.[0]?.[1];
    return Array.isArray(events) ? events.filter((event): event is string => typeof event === "string") : [];
  }
}
