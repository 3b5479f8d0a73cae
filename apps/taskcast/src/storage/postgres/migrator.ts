/**
 * Applies the migrations with sqlx's bookkeeping (storage.md §2.1), so the original TS and
 * Rust servers accept the database and we accept theirs. Unlike the original TS runner we hold
 * sqlx's session advisory lock (same key: 0x3d32ad9e × CRC-32 of the database name), so
 * concurrent migrators — ours or the Rust server's — apply each migration exactly once.
 */
import type { Sql } from "postgres";
import { descriptionOf, MIGRATIONS, type Migration } from "./migrations.ts";

export interface MigrationReport {
  /** Files applied by this run, in order. */
  applied: string[];
  /** Migrations that were already in place. */
  alreadyApplied: number;
}

interface AppliedRow {
  version: string;
  success: boolean;
  checksum: string;
}

const LOCK_FACTOR = 0x3d32ad9en;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS _sqlx_migrations (
  version BIGINT PRIMARY KEY,
  description TEXT NOT NULL,
  installed_on TIMESTAMPTZ NOT NULL DEFAULT now(),
  success BOOLEAN NOT NULL,
  checksum BYTEA NOT NULL,
  execution_time BIGINT NOT NULL
)`;

/** The key sqlx locks on, so a Rust server migrating the same database waits for us. */
export function migrationLockId(databaseName: string): string {
  return (LOCK_FACTOR * BigInt(Bun.hash.crc32(databaseName))).toString();
}

/** Refuses a dirty or altered history, then lists what is left to apply. */
function pendingFrom(rows: readonly AppliedRow[]): Migration[] {
  const applied = new Map(rows.map((row) => [Number(row.version), row]));
  for (const row of rows) {
    if (!row.success) {
      throw new Error(
        `Dirty migration found: version ${row.version} did not complete; fix the database by hand`,
      );
    }
  }
  for (const migration of MIGRATIONS) {
    const row = applied.get(migration.version);
    if (row && row.checksum !== migration.checksum) {
      throw new Error(
        `Checksum mismatch for migration ${migration.file} (version ${migration.version}): ` +
          "the applied migration differs from this release's",
      );
    }
  }
  return MIGRATIONS.filter((migration) => !applied.has(migration.version));
}

async function readApplied(sql: Sql): Promise<AppliedRow[]> {
  return sql<AppliedRow[]>`
    SELECT version::text AS version, success, encode(checksum, 'hex') AS checksum
    FROM _sqlx_migrations ORDER BY version`;
}

/** Migrations not yet applied (the table may not exist yet: then all of them). */
export async function pendingMigrations(sql: Sql): Promise<Migration[]> {
  const [exists] = await sql<{ present: boolean }[]>`
    SELECT to_regclass('_sqlx_migrations') IS NOT NULL AS present`;
  return exists?.present ? pendingFrom(await readApplied(sql)) : [...MIGRATIONS];
}

export async function migrate(sql: Sql): Promise<MigrationReport> {
  const connection = await sql.reserve();
  try {
    const [current] = await connection<{ name: string }[]>`SELECT current_database() AS name`;
    const lockId = migrationLockId(current?.name ?? "");
    await connection`SELECT pg_advisory_lock(${lockId}::bigint)`;
    try {
      await connection.unsafe(CREATE_TABLE);
      const pending = pendingFrom(await readApplied(connection));
      for (const migration of pending) await apply(connection, migration);
      return {
        applied: pending.map((migration) => migration.file),
        alreadyApplied: MIGRATIONS.length - pending.length,
      };
    } finally {
      await connection`SELECT pg_advisory_unlock(${lockId}::bigint)`;
    }
  } finally {
    connection.release();
  }
}

/**
 * As sqlx does: the script and its bookkeeping row commit together (execution_time -1), then
 * the elapsed nanoseconds are filled in; losing that last update loses only a statistic.
 */
async function apply(connection: Sql, migration: Migration): Promise<void> {
  const started = process.hrtime.bigint();
  await connection.unsafe("BEGIN");
  try {
    await connection.unsafe(migration.sql).simple();
    await connection`
      INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
      VALUES (${migration.version}, ${descriptionOf(migration)}, TRUE, decode(${migration.checksum}, 'hex'), -1)`;
    await connection.unsafe("COMMIT");
  } catch (error) {
    await connection.unsafe("ROLLBACK");
    throw error;
  }
  const elapsed = (process.hrtime.bigint() - started).toString();
  await connection`UPDATE _sqlx_migrations SET execution_time = ${elapsed}::bigint WHERE version = ${migration.version}`;
}
