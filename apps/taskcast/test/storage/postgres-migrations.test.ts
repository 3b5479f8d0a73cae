/**
 * The migrations produce exactly the original's catalog, bookkeeping rows included
 * (storage.md §2.1), apply once, and refuse a history they do not recognise.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { serviceUrl } from "@rt/testkit";
import { createPostgresClient, migrate } from "../../src/storage/postgres/index.ts";
import { createDatabase, dropDatabase } from "./postgres-db.ts";

const serverUrl = await serviceUrl("TEST_DATABASE_URL");
const repoRoot = join(import.meta.dir, "../../../..");
const created: string[] = [];

async function freshDatabase(): Promise<string> {
  if (!serverUrl) throw new Error("no database server");
  const url = await createDatabase(serverUrl, "tc_mig");
  created.push(url);
  return url;
}

// Dropping several databases WITH (FORCE) on a busy server can outlast the 5 s hook default.
afterAll(async () => {
  if (serverUrl) for (const url of created) await dropDatabase(serverUrl, url);
}, 60_000);

async function catalogDiff(url: string): Promise<{ code: number; output: string }> {
  const child = Bun.spawn(
    [
      process.execPath,
      "../shared/tools/pg-catalog.ts",
      url,
      "--diff",
      "../shared/fixtures/taskcast/postgres-catalog.json",
    ],
    { cwd: repoRoot, stdout: "pipe", stderr: "pipe" },
  );
  const [stdout, stderr, code] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { code, output: stdout + stderr };
}

describe.skipIf(!serverUrl)("postgres migrations", () => {
  test("the migrated catalog equals the original's; migrating again changes nothing", async () => {
    const url = await freshDatabase();
    const sql = createPostgresClient({ url, maxConnections: 2 });
    try {
      const first = await migrate(sql);
      expect(first).toEqual({
        applied: [
          "001_initial.sql",
          "002_workers.sql",
          "003_storage_lifecycle.sql",
          "004_archive_receipt_coverage.sql",
          "005_task_creation_claim.sql",
        ],
        alreadyApplied: 0,
      });
      const diff = await catalogDiff(url);
      expect(diff.output).toContain("catalogs are identical");
      expect(diff.code).toBe(0);

      const rows = await sql<{ version: string; success: boolean; execution_time: string }[]>`
        SELECT version::text AS version, success, execution_time::text AS execution_time
        FROM _sqlx_migrations ORDER BY version`;
      expect(rows.map((row) => [row.version, row.success])).toEqual([
        ["1", true],
        ["2", true],
        ["3", true],
        ["4", true],
        ["5", true],
      ]);
      for (const row of rows) expect(Number(row.execution_time)).toBeGreaterThan(0);

      expect(await migrate(sql)).toEqual({ applied: [], alreadyApplied: 5 });
      expect((await catalogDiff(url)).code).toBe(0);
    } finally {
      await sql.end();
    }
  }, 30_000);

  test("concurrent migrators apply each migration once (advisory lock)", async () => {
    const url = await freshDatabase();
    const clients = Array.from({ length: 6 }, () => createPostgresClient({ url, maxConnections: 1 }));
    try {
      const reports = await Promise.all(clients.map((sql) => migrate(sql)));
      const applied = reports.flatMap((report) => report.applied).sort();
      expect(applied).toEqual([
        "001_initial.sql",
        "002_workers.sql",
        "003_storage_lifecycle.sql",
        "004_archive_receipt_coverage.sql",
        "005_task_creation_claim.sql",
      ]);
      const first = clients[0]!;
      const [count] = await first<{ n: number }[]>`SELECT count(*)::int AS n FROM _sqlx_migrations`;
      expect(count?.n).toBe(5);
      expect((await catalogDiff(url)).code).toBe(0);
    } finally {
      await Promise.all(clients.map((sql) => sql.end()));
    }
  }, 30_000);

  test("an altered or dirty history is refused, as the original refuses it", async () => {
    const url = await freshDatabase();
    const sql = createPostgresClient({ url, maxConnections: 2 });
    try {
      await migrate(sql);
      await sql`UPDATE _sqlx_migrations SET checksum = decode('00', 'hex') WHERE version = 3`;
      await expect(migrate(sql)).rejects.toThrow(
        "Checksum mismatch for migration 003_storage_lifecycle.sql (version 3)",
      );
      await sql`DELETE FROM _sqlx_migrations WHERE version = 3`;
      await sql`UPDATE _sqlx_migrations SET success = false WHERE version = 5`;
      await expect(migrate(sql)).rejects.toThrow("Dirty migration found");
    } finally {
      await sql.end();
    }
  }, 30_000);
});
