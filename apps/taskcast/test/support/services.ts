/**
 * PostgreSQL and Redis for test files that start whole servers: one migrated database and one
 * Redis key prefix per file, so files never see each other's tasks, and the prefix's keys are
 * removed once the file is done. Either URL is undefined when its service is not configured.
 */
import { afterAll } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";
import { useMigratedDatabase } from "../storage/postgres-db.ts";
import { deleteByPrefix } from "../storage/redis-fixture.ts";

export const redisUrl = await serviceUrl("TEST_REDIS_URL");
export const pgUrl = await serviceUrl("TEST_DATABASE_URL");

export function useServices(name: string) {
  const database = useMigratedDatabase(pgUrl, name);
  const prefix = uniqueName(name);
  afterAll(async () => {
    if (!redisUrl) return;
    const redis = new Redis(redisUrl);
    await deleteByPrefix(redis, prefix);
    redis.disconnect();
  });
  return { redisUrl, pgUrl, database, prefix };
}
