/**
 * Our migrations, oldest first. Each one runs its SQL and then writes its bookkeeping rows.
 *
 * The first reproduces, in one file, the schema the original's 15 migrations build, and writes
 * the original's 15 rows so that both servers see the same history. A later migration of ours
 * gets one row whose `createdAt` is its authoring time (greater than every earlier one) and whose
 * hash is the SHA-256 of its SQL, as drizzle computes it: see `ownMigration`.
 */
import { createHash } from "node:crypto";
import originalSchema from "./0000_original_schema.sql" with { type: "text" };
import { type MigrationRecord, originalHistory } from "./original-history.ts";

export interface Migration {
  readonly tag: string;
  /** Statements separated by drizzle's `--> statement-breakpoint` marker. */
  readonly sql: string;
  /** Rows written to `drizzle.__drizzle_migrations`, in ascending `createdAt`. */
  readonly records: readonly MigrationRecord[];
}

/** Describes a migration authored for this server (not inherited from the original). */
export function ownMigration(tag: string, createdAt: number, sql: string): Migration {
  const hash = createHash("sha256").update(sql).digest("hex");
  return { tag, sql, records: [{ hash, createdAt }] };
}

export const migrations: readonly Migration[] = [
  {
    tag: "0000_original_schema",
    sql: originalSchema,
    records: originalHistory.map(({ hash, createdAt }) => ({ hash, createdAt })),
  },
];
