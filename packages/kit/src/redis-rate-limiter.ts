/**
 * Rate limiting shared by every instance, on a Redis sorted set per key. One Lua script does the
 * prune, count and add atomically, with Redis's clock, so instances with skewed clocks agree.
 */
import { createHash } from "node:crypto";
import type Redis from "ioredis";
import type { RateLimiter, RateLimitResult } from "./rate-limiter.ts";

// KEYS[1] the window's sorted set; ARGV limit, windowMs, a unique member for this hit.
const hitScript = `
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
local allowed = 0
if count < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  count = count + 1
  allowed = 1
end
local reset = window
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if oldest[2] then
  reset = tonumber(oldest[2]) + window - now
  -- The newest hit (now at the latest) is the last to expire, a full window from now.
  redis.call('PEXPIRE', KEYS[1], window)
end
return {allowed, limit - count, reset}
`;
const hitScriptSha = createHash("sha1").update(hitScript).digest("hex");

export interface RedisRateLimiterOptions {
  /** Prepended to every key, e.g. `taskcast:rl:`. */
  prefix?: string;
}

const isNumberTriple = (value: unknown): value is [number, number, number] =>
  Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === "number");

export class RedisRateLimiter implements RateLimiter {
  readonly #redis: Redis;
  readonly #prefix: string;

  constructor(redis: Redis, options: RedisRateLimiterOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? "rl:";
  }

  async hit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
    const args = [this.#prefix + key, limit, windowMs, `${Date.now()}:${crypto.randomUUID()}`] as const;
    let reply: unknown;
    try {
      reply = await this.#redis.evalsha(hitScriptSha, 1, ...args);
    } catch (error) {
      // First use on this server, or after SCRIPT FLUSH / a restart: send the script itself.
      if (!(error instanceof Error) || !error.message.includes("NOSCRIPT")) throw error;
      reply = await this.#redis.eval(hitScript, 1, ...args);
    }
    if (!isNumberTriple(reply)) throw new Error(`unexpected rate-limit reply: ${JSON.stringify(reply)}`);
    const [allowed, remaining, resetMs] = reply;
    return { allowed: allowed === 1, remaining: Math.max(0, remaining), resetMs };
  }
}
