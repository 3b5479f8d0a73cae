import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";
import { MemoryRateLimiter, RedisRateLimiter } from "../src/index.ts";
import { rateLimiterContract } from "./rate-limiter.contract.ts";

describe("MemoryRateLimiter", () => {
  rateLimiterContract(() => new MemoryRateLimiter());

  test("expired keys are swept, so memory stays bounded", async () => {
    let now = 1_000_000;
    const rl = new MemoryRateLimiter({ now: () => now, sweepIntervalMs: 1000 });
    for (let i = 0; i < 100; i++) await rl.hit(`ip-${i}`, 5, 500);
    expect(rl.size).toBe(100);
    now += 2000;
    await rl.hit("fresh", 5, 500);
    expect(rl.size).toBe(1);
  });
});

const url = await serviceUrl("TEST_REDIS_URL");

describe.skipIf(!url)("RedisRateLimiter", () => {
  let redis: Redis;
  const prefix = `${uniqueName("kit_rl")}:`;

  beforeAll(() => {
    redis = new Redis(url!);
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  // Each limiter gets its own prefix, so contract tests sharing key names stay independent.
  rateLimiterContract(() => new RedisRateLimiter(redis, { prefix: `${prefix}${uniqueName("t")}:` }));

  test("keys carry the prefix and expire with the window", async () => {
    const rl = new RedisRateLimiter(redis, { prefix: `${prefix}ttl:` });
    await rl.hit("user-1", 5, 5000);
    const ttl = await redis.pttl(`${prefix}ttl:user-1`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5000);
  });
});
