/**
 * Is a user online (any open /ws) or in the foreground (a tab reported `focus {visible:true}`)
 * on any instance? Online decides between live delivery and the offline queue; foreground
 * suppresses push (websocket.md §2.4, §2.7).
 */
import type Redis from "ioredis";
import type { Instances } from "./instances.ts";

export interface PresenceCounts {
  sockets: number;
  foreground: number;
}

export interface PresenceState {
  online: boolean;
  foreground: boolean;
}

export interface UserPresence {
  /** This instance's counts for the user changed (0 sockets = gone from here). */
  report(userId: string, counts: PresenceCounts): Promise<void>;
  state(userId: string): Promise<PresenceState>;
}

export type LocalCounts = (userId: string) => PresenceCounts;

const stateOf = (counts: PresenceCounts): PresenceState => ({
  online: counts.sockets > 0,
  foreground: counts.foreground > 0,
});

/** One instance: the local socket registry is the whole truth, so nothing is stored twice. */
export class LocalUserPresence implements UserPresence {
  readonly #local: LocalCounts;

  constructor(local: LocalCounts) {
    this.#local = local;
  }

  async report(): Promise<void> {}

  async state(userId: string): Promise<PresenceState> {
    return stateOf(this.#local(userId));
  }
}

const PRESENCE_TTL_SECONDS = 86_400;
const presenceKey = (userId: string): string => `ws:presence:${userId}`;

/**
 * `ws:presence:<userId>`: a hash of instance id → "sockets:foreground". Each instance writes
 * only its own field, so there are no read-modify-write races; fields of dead instances are
 * ignored and removed when seen.
 */
export class RedisUserPresence implements UserPresence {
  readonly #redis: Redis;
  readonly #instances: Instances;
  readonly #local: LocalCounts;

  constructor(redis: Redis, instances: Instances, local: LocalCounts) {
    this.#redis = redis;
    this.#instances = instances;
    this.#local = local;
  }

  async report(userId: string, counts: PresenceCounts): Promise<void> {
    const key = presenceKey(userId);
    if (counts.sockets === 0) {
      await this.#redis.hdel(key, this.#instances.id);
      return;
    }
    await this.#redis
      .multi()
      .hset(key, this.#instances.id, `${counts.sockets}:${counts.foreground}`)
      .expire(key, PRESENCE_TTL_SECONDS)
      .exec();
  }

  async state(userId: string): Promise<PresenceState> {
    const state = stateOf(this.#local(userId));
    if (state.foreground) return state;
    const fields = await this.#redis.hgetall(presenceKey(userId));
    for (const [instanceId, value] of Object.entries(fields)) {
      if (instanceId === this.#instances.id) continue;
      if (!(await this.#instances.isAlive(instanceId))) {
        await this.#redis.hdel(presenceKey(userId), instanceId);
        continue;
      }
      const [sockets, foreground] = value.split(":").map(Number);
      if ((sockets ?? 0) > 0) state.online = true;
      if ((foreground ?? 0) > 0) state.foreground = true;
    }
    return state;
  }
}
