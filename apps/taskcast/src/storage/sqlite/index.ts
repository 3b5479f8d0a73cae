/**
 * The `sqlite` storage mode: in-process broadcast, and one SQLite file serving as both the
 * hot and the durable store (storage.md §1, §4).
 */
import type { Database } from "bun:sqlite";
import { MemoryBroadcast } from "../memory/broadcast.ts";
import { openTaskcastDatabase, type SqliteOptions } from "./database.ts";
import { SqliteLongTermStore } from "./long-term.ts";
import { SqliteShortTermStore } from "./short-term.ts";

export { openTaskcastDatabase, resolveSqlitePath, type SqliteOptions } from "./database.ts";
export { SqliteLongTermStore, SqliteShortTermStore };

export interface SqliteAdapters {
  broadcast: MemoryBroadcast;
  shortTerm: SqliteShortTermStore;
  longTerm: SqliteLongTermStore;
  database: Database;
  close(): void;
}

export function createSqliteAdapters(options: SqliteOptions = {}): SqliteAdapters {
  const database = openTaskcastDatabase(options);
  return {
    broadcast: new MemoryBroadcast(),
    shortTerm: new SqliteShortTermStore(database),
    longTerm: new SqliteLongTermStore(database),
    database,
    close: () => database.close(),
  };
}
