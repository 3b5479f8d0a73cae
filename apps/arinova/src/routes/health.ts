/**
 * `GET /health` (rest.md §3): `SELECT 1` and Redis `PING`; 503 "degraded" naming the failing one.
 * Without Redis (memory state) the redis check has nothing to fail and reports "ok".
 */
import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type Redis from "ioredis";
import type { ArinovaEnv } from "../http/env.ts";
import { sendJson } from "../http/json.ts";
import type { RouteDeps } from "./deps.ts";

const CHECK_TIMEOUT_MS = 3_000;

async function check(probe: () => Promise<unknown>): Promise<"ok" | "error"> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([probe(), timeout]);
    return "ok";
  } catch {
    return "error";
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: RouteDeps, redis: Redis | undefined): Hono<ArinovaEnv> {
  const routes = new Hono<ArinovaEnv>();
  routes.get("/health", async (c) => {
    const [db, cache] = await Promise.all([
      check(() => deps.db.execute(sql`select 1`)),
      redis ? check(() => redis.ping()) : Promise.resolve("ok" as const),
    ]);
    const ok = db === "ok" && cache === "ok";
    return sendJson(
      c,
      { status: ok ? "ok" : "degraded", db, redis: cache, timestamp: deps.now() },
      ok ? 200 : 503,
    );
  });
  return routes;
}
