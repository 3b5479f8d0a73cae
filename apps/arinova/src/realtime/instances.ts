/**
 * Which server instances are alive. Shared state written by an instance (its agents, its users'
 * sockets, the streams it owns) names the instance, so the others can ignore what a crashed
 * one left behind instead of trusting it until a TTL runs out.
 */
import type Redis from "ioredis";

export interface Instances {
  /** This process's id, new on every start. */
  readonly id: string;
  isAlive(instanceId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** One process: only this instance exists. */
export class SingleInstance implements Instances {
  readonly id = crypto.randomUUID();

  async isAlive(instanceId: string): Promise<boolean> {
    return instanceId === this.id;
  }

  async close(): Promise<void> {}
}

const LIVENESS_TTL_SECONDS = 30;
const REFRESH_MS = 10_000;
const instanceKey = (id: string): string => `ws:instance:${id}`;

/** Each instance refreshes `ws:instance:<id>` (TTL 30 s) every 10 s; absent means dead. */
export class RedisInstances implements Instances {
  readonly id = crypto.randomUUID();
  readonly #redis: Redis;
  readonly #timer: ReturnType<typeof setInterval>;
  /** Liveness answers are cached briefly: they are asked once per user event. */
  readonly #cache = new Map<string, { alive: boolean; at: number }>();

  private constructor(redis: Redis) {
    this.#redis = redis;
    this.#timer = setInterval(() => void this.#beat().catch(() => undefined), REFRESH_MS);
    this.#timer.unref();
  }

  static async start(redis: Redis): Promise<RedisInstances> {
    const instances = new RedisInstances(redis);
    await instances.#beat();
    return instances;
  }

  async #beat(): Promise<void> {
    await this.#redis.set(instanceKey(this.id), "1", "EX", LIVENESS_TTL_SECONDS);
  }

  async isAlive(instanceId: string): Promise<boolean> {
    if (instanceId === this.id) return true;
    const now = Date.now();
    const cached = this.#cache.get(instanceId);
    if (cached !== undefined && now - cached.at < 2000) return cached.alive;
    const alive = (await this.#redis.exists(instanceKey(instanceId))) === 1;
    this.#cache.set(instanceId, { alive, at: now });
    if (this.#cache.size > 1000) this.#cache.clear();
    return alive;
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#redis.del(instanceKey(this.id)).catch(() => undefined);
  }
}
