/**
 * One contract suite per short-lived state interface, run against the memory implementation
 * always and the Redis one when TEST_REDIS_URL is set (required under TEST_REQUIRE_SERVICES=1).
 * Each Redis run gets its own key prefix and removes its keys afterwards.
 */
import { afterAll, describe } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";

const redisUrl = await serviceUrl("TEST_REDIS_URL");

/** `make` builds a fresh implementation; `suite` declares the tests every implementation passes. */
export function contract<T>(
  name: string,
  implementations: { memory: () => T; redis: (client: Redis) => T },
  suite: (make: () => T) => void,
): void {
  describe(`${name} on memory`, () => suite(implementations.memory));
  if (!redisUrl) return;
  describe(`${name} on Redis`, () => {
    const prefix = `${uniqueName("arinova_state")}:`;
    const client = new Redis(redisUrl, { keyPrefix: prefix });
    afterAll(async () => {
      const plain = new Redis(redisUrl);
      const keys = await plain.keys(`${prefix}*`);
      if (keys.length > 0) await plain.del(...keys);
      await plain.quit();
      await client.quit();
    });
    suite(() => implementations.redis(client));
  });
}

/** The Redis client of a Redis run, for checks only the Redis side has (its keys' TTLs). */
export const hasRedis = redisUrl !== undefined;
export const id = (): string => crypto.randomUUID();
