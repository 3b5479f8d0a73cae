/**
 * Opens the Arinova database: PostgreSQL through postgres.js when a URL is given (production),
 * otherwise PGlite, PostgreSQL compiled to WASM, in a local data directory (trying it out).
 *
 * Every timestamp column is `timestamp without time zone` holding UTC wall time, and `now()`
 * defaults write the session's local time, so every session runs with TimeZone=UTC whatever
 * the server's or the process's time zone is. (Reads do not depend on the process's zone:
 * Drizzle parses these columns as UTC itself.)
 */
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { openPgliteDataDir } from "./pglite-open.ts";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;

/** What the rest of the app talks to; the same type for both engines. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

interface HandleBase {
  readonly db: Database;
  close(): Promise<void>;
}

/** The engine's own client is exposed for the few things Drizzle does not cover (LISTEN, tests). */
export type DatabaseHandle =
  | (HandleBase & { readonly kind: "postgres"; readonly client: postgres.Sql })
  | (HandleBase & { readonly kind: "pglite"; readonly client: PGlite });

export interface OpenDatabaseOptions {
  /** `postgres://…`; when absent, PGlite is used. */
  readonly url?: string;
  /** PGlite data directory, created when missing. */
  readonly dataDir?: string;
  /** postgres.js pool size. */
  readonly maxConnections?: number;
}

export const DEFAULT_DATA_DIR = "./data/arinova";

const postgresClients = new WeakMap<Database, postgres.Sql>();

/**
 * The postgres.js pool behind `db` when it is one (undefined for PGlite): what a hot path needs
 * to send a transaction's statements in one write instead of waiting for each (chat/seq.ts).
 */
export const postgresClientOf = (db: Database): postgres.Sql | undefined => postgresClients.get(db);

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  return openPglite(options.dataDir ?? DEFAULT_DATA_DIR);
}

function openPostgres(url: string, max: number): DatabaseHandle {
  const client = postgres(url, {
    max,
    // Sent in the startup packet, so it holds on every pooled connection, reconnects included.
    connection: { TimeZone: "UTC" },
    // `… IF NOT EXISTS` notices would otherwise be printed to the console.
    onnotice: () => {},
  });
  const db: Database = drizzlePostgres({ client, schema });
  postgresClients.set(db, client);
  return { kind: "postgres", client, db, close: () => client.end({ timeout: 5 }) };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const client = await openPgliteDataDir(dataDir);
  const db: Database = drizzlePglite({ client, schema });
  return { kind: "pglite", client, db, close: () => client.close() };
}
