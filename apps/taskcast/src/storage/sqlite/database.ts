/**
 * Opening a Taskcast SQLite file. Several processes may share it (the original server and
 * ours, or two of ours): WAL lets readers run beside the single writer, and every write goes
 * through `BEGIN IMMEDIATE`, which takes the write lock up front so a read-then-write (index
 * allocation, compare-and-set) can never interleave with another process's.
 */
import { Database } from "bun:sqlite";
import { ensureSchema } from "./schema.ts";

export interface SqliteOptions {
  /** Option → `TASKCAST_SQLITE_PATH` → `./taskcast.db` (storage.md §4). */
  path?: string;
  /** How long a writer waits for another process's lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
}

export function resolveSqlitePath(path?: string): string {
  const fromEnv = process.env.TASKCAST_SQLITE_PATH;
  return path ?? (fromEnv !== undefined && fromEnv !== "" ? fromEnv : "./taskcast.db");
}

export function openTaskcastDatabase(options: SqliteOptions = {}): Database {
  const db = new Database(resolveSqlitePath(options.path), { create: true });
  db.run(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA foreign_keys = ON");
  ensureSchema(db);
  return db;
}

/** Runs `work` as one `BEGIN IMMEDIATE` transaction; a throw rolls everything back. */
export function writeTransaction<T>(db: Database, work: () => T): T {
  return db.transaction(work).immediate();
}
