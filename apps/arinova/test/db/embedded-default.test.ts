/**
 * With no environment at all the server runs on PGlite in ./data/arinova (relative to the
 * working directory) with short-lived state in memory; DATABASE_URL switches to PostgreSQL.
 * The directory is a copy of the migrated template, so this proves where the server looks,
 * not initdb (pglite.test.ts covers that).
 */
import { afterAll, expect, test } from "bun:test";
import { cpSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "@rt/kit";
import { createArinova } from "../../src/app.ts";
import { loadArinovaConfig } from "../../src/config.ts";
import { DEFAULT_DATA_DIR } from "../../src/db/client.ts";
import { drizzleMigrations } from "../../src/db/migrations/bookkeeping.ts";
import { migratedTemplate } from "../support/pglite-templates.ts";

const home = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), "arinova-default-"));
afterAll(() => {
  process.chdir(home);
  rmSync(scratch, { recursive: true, force: true });
});

test("no DATABASE_URL or REDIS_URL: PGlite in ./data/arinova and memory state", async () => {
  const config = loadArinovaConfig({});
  expect(config.databaseUrl).toBeUndefined();
  expect(config.redisUrl).toBeUndefined();
  expect(config.dataDir).toBe("./data/arinova");
  expect(DEFAULT_DATA_DIR).toBe(config.dataDir);

  mkdirSync(join(scratch, "data"), { recursive: true });
  cpSync((await migratedTemplate()).dataDir, join(scratch, "data", "arinova"), { recursive: true });
  process.chdir(scratch);
  const arinova = await createArinova(
    { ...config, uploads: { ...config.uploads, dir: join(scratch, "uploads") } },
    { logger: createLogger({ level: "silent" }) },
  );
  try {
    // Only the copied directory holds the bookkeeping: a database created anywhere else would not.
    const recorded = await arinova.deps.db.select().from(drizzleMigrations);
    expect(recorded).toHaveLength(15);
    const health = await arinova.fetch(new Request("http://localhost/health"));
    expect(await health.json()).toMatchObject({ status: "ok", db: "ok", redis: "ok" });
  } finally {
    await arinova.close();
    process.chdir(home);
  }
}, 120_000);

test("DATABASE_URL selects PostgreSQL", () => {
  const config = loadArinovaConfig({ DATABASE_URL: "postgres://u@db.example:5432/arinova" });
  expect(config.databaseUrl).toBe("postgres://u@db.example:5432/arinova");
  expect(() => loadArinovaConfig({ DATABASE_URL: "mysql://u@db.example/x" })).toThrow();
});
