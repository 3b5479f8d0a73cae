/**
 * The `redis` storage mode (storage.md §1, §3): Redis pub/sub broadcast and the Redis hot
 * store on the original's keys and channels.
 */
import type Redis from "ioredis";
import { RedisBroadcast } from "./broadcast.ts";
import { connectAndPing, createCommandClient, createSubscriberClient } from "./connection.ts";
import { RedisHotLifecycle } from "./hot-lifecycle.ts";
import { RedisKeys, resolveRedisPrefix } from "./keys.ts";
import { RedisShortTermStore } from "./short-term.ts";
import { RedisWriterRegistry } from "./writers.ts";

export {
  connectAndPing,
  createCommandClient,
  createSubscriberClient,
  reconnectDelayMs,
} from "./connection.ts";
export {
  RedisBroadcast,
  RedisHotLifecycle,
  RedisKeys,
  RedisShortTermStore,
  RedisWriterRegistry,
  resolveRedisPrefix,
};

export interface RedisAdapterOptions {
  url: string;
  /** Key and channel prefix; default `TASKCAST_REDIS_PREFIX`, else `taskcast`. */
  prefix?: string;
}

export interface RedisAdapters {
  broadcast: RedisBroadcast;
  shortTerm: RedisShortTermStore;
  keys: RedisKeys;
  command: Redis;
  subscriber: Redis;
  close(): Promise<void>;
}

/** Connects both connections (PING within 15 s each) and builds the adapters on them. */
export async function createRedisAdapters(options: RedisAdapterOptions): Promise<RedisAdapters> {
  const keys = new RedisKeys(resolveRedisPrefix(options.prefix));
  const command = createCommandClient(options.url);
  const subscriber = createSubscriberClient(options.url);
  try {
    await Promise.all([connectAndPing(command), connectAndPing(subscriber)]);
  } catch (error) {
    command.disconnect();
    subscriber.disconnect();
    throw error;
  }
  return {
    broadcast: new RedisBroadcast(command, subscriber, keys),
    shortTerm: new RedisShortTermStore(command, keys),
    keys,
    command,
    subscriber,
    close: async () => {
      await Promise.allSettled([command.quit(), subscriber.quit()]);
    },
  };
}
