/**
 * rest.md §1.4: 300 requests a minute per client address on every route, keyed on the real
 * client behind trusted proxies only, shared through Redis when it is configured.
 */
import { describe, expect, test } from "bun:test";
import { MemoryRateLimiter } from "@rt/kit";
import Redis from "ioredis";
import { call, startServer, type TestServer } from "../support/server.ts";
import type { SuiteContext } from "./context.ts";

const LIMIT = 300;

async function hammer(
  server: TestServer,
  count: number,
  headers: Record<string, string> = {},
): Promise<number[]> {
  const statuses: number[] = [];
  for (let sent = 0; sent < count; sent += 50) {
    const batch = Array.from({ length: Math.min(50, count - sent) }, () =>
      call(server.url, "GET", "/api/nope", { headers }),
    );
    statuses.push(...(await Promise.all(batch)).map((reply) => reply.status));
  }
  return statuses;
}

export function rateLimitSuite(ctx: SuiteContext, redisUrl: string | undefined): void {
  describe("rate limits", () => {
    test("the 301st request in a minute is 429; X-Forwarded-For from an untrusted peer is ignored", async () => {
      const server = await startServer(ctx.database, { rateLimiter: new MemoryRateLimiter() });
      try {
        const statuses = await hammer(server, LIMIT, { "x-forwarded-for": "203.0.113.1" });
        expect(statuses.every((status) => status === 404)).toBe(true);
        const refused = await call(server.url, "GET", "/health", {
          headers: { "x-forwarded-for": "198.51.100.7" },
        });
        expect(refused.status).toBe(429);
        expect(refused.body).toEqual({
          error: "Too many requests. Please try again later.",
          code: "RATE_LIMIT",
        });
        expect(refused.headers.get("x-ratelimit-limit")).toBe("300");
        expect(refused.headers.get("x-ratelimit-remaining")).toBe("0");
        expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
    });

    test("behind a trusted proxy each forwarded client has its own bucket", async () => {
      const server = await startServer(ctx.database, {
        rateLimiter: new MemoryRateLimiter(),
        env: { TRUSTED_PROXIES: "127.0.0.1" },
      });
      try {
        await hammer(server, LIMIT, { "x-forwarded-for": "203.0.113.1" });
        expect(
          (await call(server.url, "GET", "/api/nope", { headers: { "x-forwarded-for": "203.0.113.1" } }))
            .status,
        ).toBe(429);
        const other = await call(server.url, "GET", "/api/nope", {
          headers: { "x-forwarded-for": "203.0.113.2" },
        });
        expect(other.status).toBe(404);
        expect(other.headers.get("x-ratelimit-remaining")).toBe("299");
      } finally {
        await server.close();
      }
    });

    test.skipIf(!redisUrl)("with Redis, instances share the counters", async () => {
      const redis = new Redis(redisUrl ?? "");
      const address = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
      const first = await startServer(ctx.database, {
        redis,
        rateLimiter: undefined,
        env: { TRUSTED_PROXIES: "127.0.0.1" },
      });
      const second = await startServer(ctx.database, {
        redis,
        rateLimiter: undefined,
        env: { TRUSTED_PROXIES: "127.0.0.1" },
      });
      try {
        await redis.del(`arinova:rl:http:${address}`);
        const headers = { "x-forwarded-for": address };
        await hammer(first, LIMIT / 2, headers);
        await hammer(second, LIMIT / 2, headers);
        expect(await redis.zcard(`arinova:rl:http:${address}`)).toBe(LIMIT);
        expect((await call(first.url, "GET", "/api/nope", { headers })).status).toBe(429);
        expect((await call(second.url, "GET", "/api/nope", { headers })).status).toBe(429);
      } finally {
        await first.close();
        await second.close();
        await redis.del(`arinova:rl:http:${address}`);
        redis.disconnect();
      }
    });
  });
}
