import { describe, expect, test } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { drizzleMigrations } from "../../src/db/migrations/bookkeeping.ts";
import { diffCatalog } from "./catalog.ts";
import { describeMigrationContract } from "./migration-contract.ts";
import type { Target } from "./target.ts";

const SLOW = 120_000;
const serverUrl = await serviceUrl("TEST_DATABASE_URL");

/** A new database on the test server, whose default time zone is deliberately not UTC. */
async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = uniqueName("arinova_db");
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.unsafe(`alter database "${name}" set timezone to 'Asia/Tokyo'`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}

async function freshPostgres(): Promise<Target> {
  const database = await createDatabase();
  const handle = await openDatabase({ url: database.url, maxConnections: 2 });
  return {
    handle,
    catalogUrl: async () => database.url,
    dispose: async () => {
      await handle.close();
      await database.drop();
    },
  };
}

describe.skipIf(!serverUrl)("PostgreSQL", () => {
  describeMigrationContract("PostgreSQL", freshPostgres);

  test(
    "two instances starting at once: one applies, the other waits and finds nothing to do",
    async () => {
      const database = await createDatabase();
      const instances: DatabaseHandle[] = [];
      try {
        for (let i = 0; i < 2; i++)
          instances.push(await openDatabase({ url: database.url, maxConnections: 2 }));
        const reports = await Promise.all(instances.map((instance) => migrate(instance.db)));
        expect(reports.map((report) => report.applied.length).sort()).toEqual([0, 1]);
        const ids = await instances[0]!.db.select({ id: drizzleMigrations.id }).from(drizzleMigrations);
        expect(ids.map((row) => row.id).sort((a, b) => a - b)).toEqual(
          [...Array(15).keys()].map((i) => i + 1),
        );
        expect((await diffCatalog(database.url)).exitCode).toBe(0);
      } finally {
        for (const instance of instances) await instance.close();
        await database.drop();
      }
    },
    SLOW,
  );
});
