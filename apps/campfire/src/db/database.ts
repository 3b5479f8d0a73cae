import { Database } from "bun:sqlite";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { migrate } from "./migrate.ts";

export type Db = Database;

// The original's production settings (config/database.yml): WAL, a 5 s busy timeout and IMMEDIATE
// transactions so concurrent writers queue on the lock instead of failing on upgrade.
export function openDatabase(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { create: true, strict: true });
  db.run("PRAGMA journal_mode = WAL");
  db.run("PRAGMA busy_timeout = 5000");
  db.run("PRAGMA foreign_keys = ON");
  db.run("PRAGMA synchronous = NORMAL");
  migrate(db);
  return db;
}

export function inTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed/.test(error.message);
}
