/**
 * Every storage mode as a fixture for the engine-level TTL and cleanup tests: memory, SQLite,
 * Redis, and PostgreSQL behind memory or Redis. `restart()` opens new adapters on the same
 * data, as a restarted server would.
 */
import { afterEach } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uniqueName } from "@rt/testkit";
import type { Sql } from "postgres";
import { MemoryBroadcast, MemoryShortTermStore } from "../../src/storage/memory/index.ts";
import type { BroadcastProvider, LongTermStore, ShortTermStore } from "../../src/storage/ports.ts";
import { PostgresLongTermStore } from "../../src/storage/postgres/index.ts";
import { createRedisAdapters } from "../../src/storage/redis/index.ts";
import { createSqliteAdapters } from "../../src/storage/sqlite/index.ts";
import { deleteByPrefix } from "../storage/redis-fixture.ts";

export interface Stores {
  shortTerm: ShortTermStore;
  broadcast: BroadcastProvider;
  longTerm?: LongTermStore;
}

export interface StoreMode {
  name: string;
  skip: boolean;
  /** Fresh, isolated stores; `restart` reopens the same data (memory keeps its maps). */
  open(): Promise<{ stores: Stores; restart(): Promise<Stores> }>;
}

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

export function storeModes(
  redisUrl: string | undefined,
  pgUrl: string | undefined,
  sql: () => Sql,
): StoreMode[] {
  const redis = async () => {
    const prefix = uniqueName("tc_life");
    const open = async () => {
      const adapters = await createRedisAdapters({ url: redisUrl ?? "", prefix });
      closers.push(() => adapters.close());
      return adapters;
    };
    const first = await open();
    closers.push(() => deleteByPrefix(first.command, prefix));
    return { first, open };
  };
  const durable = (): LongTermStore => new PostgresLongTermStore(sql());
  return [
    {
      name: "memory",
      skip: false,
      open: async () => {
        const stores = { shortTerm: new MemoryShortTermStore(), broadcast: new MemoryBroadcast() };
        return { stores, restart: async () => ({ ...stores, broadcast: new MemoryBroadcast() }) };
      },
    },
    {
      name: "sqlite",
      skip: false,
      open: async () => {
        const dir = mkdtempSync(join(tmpdir(), "taskcast-life-"));
        closers.push(() => rmSync(dir, { recursive: true, force: true }));
        const open = () => {
          const adapters = createSqliteAdapters({ path: join(dir, "t.db") });
          closers.push(() => adapters.close());
          return adapters;
        };
        return { stores: open(), restart: async () => open() };
      },
    },
    {
      name: "redis",
      skip: !redisUrl,
      open: async () => {
        const { first, open } = await redis();
        return { stores: first, restart: open };
      },
    },
    {
      name: "memory + postgres",
      skip: !pgUrl,
      open: async () => {
        const stores = {
          shortTerm: new MemoryShortTermStore(),
          broadcast: new MemoryBroadcast(),
          longTerm: durable(),
        };
        return { stores, restart: async () => ({ ...stores, broadcast: new MemoryBroadcast() }) };
      },
    },
    {
      name: "redis + postgres",
      skip: !redisUrl || !pgUrl,
      open: async () => {
        const { first, open } = await redis();
        return {
          stores: { ...first, longTerm: durable() },
          restart: async () => ({ ...(await open()), longTerm: durable() }),
        };
      },
    },
  ];
}
