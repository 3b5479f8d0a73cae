/**
 * The databases the contract suites run against: PGlite in a temporary directory (one per test
 * file: start-up is slow and memory-heavy) or a fresh, uniquely named PostgreSQL database.
 * `backendsUnderTest()` is the list every database-backed suite runs on, so the PostgreSQL run
 * covers the same tests as the PGlite one.
 */
import { serviceUrl, uniqueName } from "@rt/testkit";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { copyOf, migratedTemplate, removeDataDir } from "./pglite-templates.ts";

export interface Backend {
  readonly name: string;
  readonly database: DatabaseHandle;
  dispose(): Promise<void>;
}

export type BackendFactory = () => Promise<Backend>;

/** A copy of the migrated template (support/pglite-templates.ts), migrated again as a start-up would. */
export const pgliteBackend: BackendFactory = async () => {
  const dataDir = await copyOf(await migratedTemplate());
  const database = await openDatabase({ dataDir });
  await migrate(database.db);
  return {
    name: "PGlite",
    database,
    dispose: async () => {
      await database.close();
      removeDataDir(dataDir);
    },
  };
};

export const postgresBackend =
  (serverUrl: string): BackendFactory =>
  async () => {
    const name = uniqueName("arinova_routes");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), maxConnections: 5 });
    await migrate(database.db);
    return {
      name: "PostgreSQL",
      database,
      dispose: async () => {
        await database.close();
        const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
        await cleanup.end();
      },
    };
  };

export interface NamedBackend {
  readonly name: "PGlite" | "PostgreSQL";
  readonly factory: BackendFactory;
}

/**
 * PGlite always; PostgreSQL as well when TEST_DATABASE_URL is set. With TEST_REQUIRE_SERVICES=1
 * an unset or unreachable PostgreSQL throws here, failing the file instead of skipping it.
 */
export async function backendsUnderTest(): Promise<NamedBackend[]> {
  const url = await serviceUrl("TEST_DATABASE_URL");
  const backends: NamedBackend[] = [{ name: "PGlite", factory: pgliteBackend }];
  if (url) backends.push({ name: "PostgreSQL", factory: postgresBackend(url) });
  return backends;
}
