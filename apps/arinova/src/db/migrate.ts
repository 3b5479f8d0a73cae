/**
 * Brings a database to the current schema, sharing drizzle's bookkeeping with the original
 * server: a migration is pending when its newest `createdAt` is above the newest row recorded,
 * which is the rule drizzle's own migrator applies. A database the original fully migrated
 * therefore has nothing pending and is left untouched.
 *
 * Everything runs in one transaction behind an advisory lock, so two instances starting at
 * once serialize: the second waits, then finds nothing pending. A failure rolls back every
 * statement and every bookkeeping row (including a just-created bookkeeping table, so the ids
 * of a later successful run still start at 1).
 */
import { sql } from "drizzle-orm";
import type { Database } from "./client.ts";
import { bookkeepingExists, createBookkeeping, drizzleMigrations } from "./migrations/bookkeeping.ts";
import { migrations as journal, type Migration } from "./migrations/journal.ts";

/** Arbitrary constant shared by every instance of this server: "arinova" in ASCII, as a bigint. */
const MIGRATION_LOCK_KEY = BigInt("0x6172696e6f7661").toString();

const STATEMENT_BREAKPOINT = "--> statement-breakpoint";

export interface MigrationReport {
  /** Tags applied by this call, oldest first; empty when the database was already current. */
  readonly applied: readonly string[];
}

export class MigrationError extends Error {
  constructor(
    readonly kind: "partially_applied",
    message: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export function splitStatements(text: string): string[] {
  return text
    .split(STATEMENT_BREAKPOINT)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

const newestRecord = (migration: Migration): number => Math.max(...migration.records.map((r) => r.createdAt));
const oldestRecord = (migration: Migration): number => Math.min(...migration.records.map((r) => r.createdAt));

export async function migrate(
  db: Database,
  migrations: readonly Migration[] = journal,
): Promise<MigrationReport> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY}::bigint)`);

    // Checked first so that an up-to-date database sees no DDL at all, not even a no-op one.
    const exists = firstRow(await tx.execute(bookkeepingExists))?.exists === true;
    if (!exists) for (const statement of createBookkeeping) await tx.execute(statement);

    const [latest] = await tx
      .select({ createdAt: drizzleMigrations.createdAt })
      .from(drizzleMigrations)
      .orderBy(sql`${drizzleMigrations.createdAt} desc nulls last`)
      .limit(1);
    const appliedUpTo = latest?.createdAt ?? Number.NEGATIVE_INFINITY;

    const pending = migrations.filter((migration) => newestRecord(migration) > appliedUpTo);
    for (const migration of pending) {
      // Our first migration stands for 15 of the original's; a database stopped part-way through
      // them cannot take it. Only the original's own migrator can finish that database.
      if (oldestRecord(migration) <= appliedUpTo) {
        throw new MigrationError(
          "partially_applied",
          `database is part-way through ${migration.tag} (last recorded migration at ${appliedUpTo}); ` +
            "finish it with the original server's migrator first",
        );
      }
      for (const statement of splitStatements(migration.sql)) await tx.execute(sql.raw(statement));
      await tx.insert(drizzleMigrations).values(migration.records.map((r) => ({ ...r })));
    }
    return { applied: pending.map((migration) => migration.tag) };
  });
}

/** postgres-js returns the rows themselves, PGlite a `{ rows }` result. */
function firstRow(result: unknown): Record<string, unknown> | undefined {
  const rows: unknown = Array.isArray(result) ? result : (result as { rows?: unknown }).rows;
  const row: unknown = Array.isArray(rows) ? rows[0] : undefined;
  return typeof row === "object" && row !== null ? (row as Record<string, unknown>) : undefined;
}
