/**
 * Opens the stores a plan names (storage.md §1): connections are checked before the server
 * binds (Redis PING within 15 s, PostgreSQL `SELECT 1` within 5 s), so a wrong URL fails start
 * instead of the first request. Tests open the same modes through this function.
 */
import type { Sql } from "postgres";
import type { AdapterInfo, DependencyCheck } from "../../server/info.ts";
import {
  createMemoryAdapters,
  MemoryHotLifecycle,
  MemoryWriterRegistry,
} from "../../storage/memory/index.ts";
import type { StorageAdapters } from "../../storage/ports.ts";
import {
  checkPostgres,
  createPostgresClient,
  PostgresLifecycleStore,
  PostgresLongTermStore,
} from "../../storage/postgres/index.ts";
import {
  connectAndPing,
  createRedisAdapters,
  RedisHotLifecycle,
  RedisWriterRegistry,
} from "../../storage/redis/index.ts";
import { createSqliteAdapters } from "../../storage/sqlite/index.ts";
import { type StoragePlan, withoutCredentials } from "./storage-plan.ts";

export interface OpenedStorage {
  storage: StorageAdapters;
  adapters: AdapterInfo;
  dependencies: Record<string, DependencyCheck>;
  /** The `Short-term store:` and `Long-term store:` start-up labels. */
  labels: { shortTerm: string; longTerm: string };
  /** The PostgreSQL pool when one is open (auto-migrate runs on it). */
  postgres?: Sql;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Redis key prefix; default TASKCAST_REDIS_PREFIX, else `taskcast`. */
  redisPrefix?: string;
  /** PostgreSQL pool size (`TASKCAST_POSTGRES_MAX_CONNECTIONS`); default 10. */
  postgresMaxConnections?: number;
}

export async function openStorage(plan: StoragePlan, options: OpenOptions = {}): Promise<OpenedStorage> {
  if (plan.mode === "sqlite") {
    const sqlite = createSqliteAdapters({ path: plan.path });
    const label = `sqlite @ ${plan.path}`;
    return {
      storage: { ...sqlite, sharedTables: true },
      adapters: { broadcast: "memory", shortTermStore: "sqlite", longTermStore: "sqlite" },
      dependencies: {},
      labels: { shortTerm: label, longTerm: label },
      close: async () => sqlite.close(),
    };
  }

  const postgres = plan.postgresUrl
    ? await openPostgres(plan.postgresUrl, options.postgresMaxConnections ?? 10)
    : undefined;
  const longTerm = postgres ? new PostgresLongTermStore(postgres) : undefined;
  const pgDependencies: Record<string, DependencyCheck> = postgres
    ? { postgres: () => checkPostgres(postgres, 2_000) }
    : {};
  const closePostgres = async () => {
    await postgres?.end({ timeout: 5 });
  };
  const longTermLabel = postgres ? "postgres" : "(none)";

  if (plan.mode === "memory") {
    const memory = createMemoryAdapters();
    // With PostgreSQL the original runs the hot/cold lifecycle on both hot stores (storage.md §1).
    const lifecycle = postgres && {
      hot: new MemoryHotLifecycle(memory.shortTerm.state),
      durable: new PostgresLifecycleStore(postgres),
      writers: new MemoryWriterRegistry(),
    };
    return {
      storage: { ...memory, longTerm, lifecycle },
      adapters: {
        broadcast: "memory",
        shortTermStore: "memory",
        ...(postgres ? { longTermStore: "postgres" } : {}),
      },
      dependencies: pgDependencies,
      labels: { shortTerm: "memory", longTerm: longTermLabel },
      postgres,
      close: closePostgres,
    };
  }

  let redis: Awaited<ReturnType<typeof createRedisAdapters>>;
  try {
    redis = await createRedisAdapters({ url: plan.redisUrl, prefix: options.redisPrefix });
  } catch (error) {
    await closePostgres();
    throw error;
  }
  return {
    storage: {
      broadcast: redis.broadcast,
      shortTerm: redis.shortTerm,
      longTerm,
      lifecycle: postgres && {
        hot: new RedisHotLifecycle(redis.command, redis.keys),
        durable: new PostgresLifecycleStore(postgres),
        writers: new RedisWriterRegistry(redis.command, redis.keys),
      },
    },
    adapters: {
      broadcast: "redis",
      shortTermStore: "redis",
      ...(postgres ? { longTermStore: "postgres" } : {}),
    },
    dependencies: {
      redisCommand: () => connectAndPing(redis.command, 2_000),
      redisPubSub: () => connectAndPing(redis.subscriber, 2_000),
      ...pgDependencies,
    },
    labels: { shortTerm: `redis @ ${withoutCredentials(plan.redisUrl)}`, longTerm: longTermLabel },
    postgres,
    close: async () => {
      await redis.close();
      await closePostgres();
    },
  };
}

async function openPostgres(url: string, maxConnections: number): Promise<Sql> {
  const sql = createPostgresClient({ url, maxConnections });
  try {
    await checkPostgres(sql);
    return sql;
  } catch (error) {
    await sql.end({ timeout: 1 }).catch(() => {});
    throw error;
  }
}
