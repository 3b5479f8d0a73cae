/** A fresh, empty database the migration contract runs against, whatever the engine. */
import type { DatabaseHandle } from "../../src/db/client.ts";

export interface Target {
  readonly handle: DatabaseHandle;
  /** A postgres:// URL the pg-catalog tool can read this database through. */
  catalogUrl(): Promise<string>;
  dispose(): Promise<void>;
}

export type Row = Record<string, unknown>;

/** Raw SQL through the engine's own client, for checks Drizzle should not be trusted with. */
export async function queryRows(handle: DatabaseHandle, text: string): Promise<Row[]> {
  if (handle.kind === "pglite") return (await handle.client.query<Row>(text)).rows;
  return [...(await handle.client.unsafe<Row[]>(text))];
}

/**
 * Everything a migration run could touch: each relation's catalog row version and each
 * bookkeeping row's version. Equal fingerprints mean nothing was written.
 */
export async function fingerprint(handle: DatabaseHandle): Promise<string> {
  const relations = await queryRows(
    handle,
    `select n.nspname || '.' || c.relname as name, c.xmin::text as version
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname in ('public', 'drizzle') order by 1`,
  );
  const records = await queryRows(
    handle,
    `select id, hash, created_at::text as created_at, xmin::text as version
       from drizzle.__drizzle_migrations order by id`,
  );
  return JSON.stringify({ relations, records });
}
