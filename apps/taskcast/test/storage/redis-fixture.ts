/** Redis adapters on a unique prefix per test, with every key of that prefix removed afterwards. */
import { uniqueName } from "@rt/testkit";
import type Redis from "ioredis";
import { createRedisAdapters, type RedisAdapters } from "../../src/storage/redis/index.ts";

export async function openRedis(url: string): Promise<RedisAdapters & { dispose: () => Promise<void> }> {
  const adapters = await createRedisAdapters({ url, prefix: uniqueName("tc") });
  return {
    ...adapters,
    dispose: async () => {
      await deleteByPrefix(adapters.command, adapters.keys.prefix);
      await adapters.close();
    },
  };
}

export async function deleteByPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    // Sub-prefixes (`P:r`, `P:rp`) used by tests that run several servers fall under `P:*` too.
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}
