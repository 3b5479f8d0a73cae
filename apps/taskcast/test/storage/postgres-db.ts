/** Fresh, uniquely named databases on the TEST_DATABASE_URL server, for the PostgreSQL tests. */
import { afterAll, beforeAll } from "bun:test";
import { uniqueName } from "@rt/testkit";
import postgres, { type Sql } from "postgres";
import { createPostgresClient, migrate } from "../../src/storage/postgres/index.ts";

export async function createDatabase(serverUrl: string, prefix = "tc_pg"): Promise<string> {
  const name = uniqueName(prefix).toLowerCase();
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropDatabase(serverUrl: string, databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * A migrated database for the whole file when a server is available: registers the hooks and
 * answers the accessors tests call. Without a server the hooks are not registered.
 */
export function useMigratedDatabase(
  serverUrl: string | undefined,
  prefix: string,
): { sql: () => Sql; url: () => string } {
  let databaseUrl = "";
  let client: Sql | undefined;
  if (serverUrl) {
    beforeAll(async () => {
      databaseUrl = await createDatabase(serverUrl, prefix);
      client = createPostgresClient({ url: databaseUrl });
      await migrate(client);
    });
    afterAll(async () => {
      await client?.end({ timeout: 5 });
      if (databaseUrl) await dropDatabase(serverUrl, databaseUrl);
    });
  }
  return {
    sql: () => {
      if (!client) throw new Error("database not ready");
      return client;
    },
    url: () => databaseUrl,
  };
}
