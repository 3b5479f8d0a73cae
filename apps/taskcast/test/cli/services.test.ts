/** `taskcast start` against Redis and PostgreSQL, and `taskcast migrate`. */
import { afterAll, describe, expect, test } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";
import { createDatabase, dropDatabase } from "../storage/postgres-db.ts";
import { deleteByPrefix } from "../storage/redis-fixture.ts";
import { json, run, scratch, startServer } from "./helpers.ts";

const redisUrl = await serviceUrl("TEST_REDIS_URL");
const pgUrl = await serviceUrl("TEST_DATABASE_URL");
const home = scratch();

const prefixes: string[] = [];
const databases: string[] = [];
afterAll(async () => {
  if (redisUrl && prefixes.length > 0) {
    const redis = new Redis(redisUrl);
    for (const prefix of prefixes) await deleteByPrefix(redis, prefix);
    redis.disconnect();
  }
  if (pgUrl) for (const url of databases) await dropDatabase(pgUrl, url);
});

async function freshDatabase(): Promise<string> {
  const url = await createDatabase(pgUrl ?? "", "tc_cli");
  databases.push(url);
  return url;
}

function freshPrefix(): string {
  const prefix = uniqueName("tc_cli");
  prefixes.push(prefix);
  return prefix;
}

describe.skipIf(!redisUrl)("start with Redis", () => {
  test("a Redis URL alone selects redis mode; the line hides credentials; tasks land on the prefix", async () => {
    const url = new URL(redisUrl ?? "");
    url.username = "default";
    const prefix = freshPrefix();
    const { server, base } = await startServer([], {
      cwd: home.dir,
      env: { TASKCAST_REDIS_URL: url.toString(), TASKCAST_REDIS_PREFIX: prefix },
    });
    const shown = new URL(redisUrl ?? "");
    expect(server.stdout).toContain(`[taskcast] Short-term store: redis @ redis://${shown.host}\n`);
    expect(server.stdout).toContain("[taskcast] Long-term store:  (none)\n");
    const task = (await json(base, "POST", "/tasks", {})).body;
    const redis = new Redis(redisUrl ?? "");
    expect(await redis.get(`${prefix}:taskStatus:${task.id}`)).toBe("pending");
    redis.disconnect();
    const detail = (await json(base, "GET", "/health/detail")).body;
    expect(detail.adapters).toMatchObject({
      broadcast: { provider: "redis" },
      shortTermStore: { provider: "redis" },
    });
    await server.stop();
  });

  test("an unreachable Redis fails start with exit 1", async () => {
    const result = await run(["start", "-p", "0", "-s", "redis"], {
      cwd: home.dir,
      env: { TASKCAST_REDIS_URL: "redis://127.0.0.1:1" },
      timeoutMs: 20_000,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[taskcast] ");
  }, 25_000);
});

describe.skipIf(!redisUrl || !pgUrl)("start with Redis + PostgreSQL", () => {
  test("TASKCAST_AUTO_MIGRATE migrates, then the long-term store is postgres", async () => {
    const database = await freshDatabase();
    const env = {
      TASKCAST_REDIS_URL: redisUrl ?? "",
      TASKCAST_REDIS_PREFIX: freshPrefix(),
      TASKCAST_POSTGRES_URL: database,
      TASKCAST_AUTO_MIGRATE: "yes",
    };
    const first = await startServer([], { cwd: home.dir, env });
    expect(first.server.stdout).toContain("[taskcast] Long-term store:  postgres\n");
    await first.server.waitFor(/Server started/);
    expect(first.server.stderr).toContain(
      "[taskcast] TASKCAST_AUTO_MIGRATE enabled — running Postgres migrations on ",
    );
    expect(first.server.stderr).toContain(
      "[taskcast] Applied 5 new migration(s): 001_initial.sql, 002_workers.sql, 003_storage_lifecycle.sql, 004_archive_receipt_coverage.sql, 005_task_creation_claim.sql",
    );
    await first.server.stop();
    const second = await startServer([], { cwd: home.dir, env });
    expect(second.server.stderr).toContain(
      "[taskcast] Database schema up to date (5 migration(s) already applied)",
    );
    await second.server.stop();
  });
});

describe.skipIf(!pgUrl)("start with memory + PostgreSQL, and migrate", () => {
  test("TASKCAST_POSTGRES_URL adds the durable store to memory mode", async () => {
    const database = await freshDatabase();
    const migrated = await run(["migrate", "--url", database, "--yes"], { cwd: home.dir });
    expect(migrated.code).toBe(0);
    const { server, base } = await startServer([], {
      cwd: home.dir,
      env: { TASKCAST_POSTGRES_URL: database },
    });
    expect(server.stdout).toContain(
      "[taskcast] Short-term store: memory\n[taskcast] Long-term store:  postgres\n",
    );
    const detail = (await json(base, "GET", "/health/detail")).body;
    expect(detail.adapters).toMatchObject({ longTermStore: { provider: "postgres", status: "ok" } });
    await server.stop();
  });

  test("migrate: target and pending files, applied, then up to date; refuses without a TTY or --yes", async () => {
    const database = await freshDatabase();
    const target = new URL(database);
    const refused = await run(["migrate", "--url", database], { cwd: home.dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      "[taskcast] No TTY detected. Re-run with --yes (-y) to skip confirmation.",
    );
    const applied = await run(["migrate", "-y"], { cwd: home.dir, env: { TASKCAST_POSTGRES_URL: database } });
    expect(applied.stdout).toBe(
      [
        `[taskcast] Target: ${target.hostname}:${target.port || "5432"}${target.pathname}`,
        "[taskcast] Pending migrations:",
        "  001_initial.sql",
        "  002_workers.sql",
        "  003_storage_lifecycle.sql",
        "  004_archive_receipt_coverage.sql",
        "  005_task_creation_claim.sql",
        "  Applied 001_initial.sql",
        "  Applied 002_workers.sql",
        "  Applied 003_storage_lifecycle.sql",
        "  Applied 004_archive_receipt_coverage.sql",
        "  Applied 005_task_creation_claim.sql",
        "[taskcast] Applied 5 migration(s) successfully.",
        "",
      ].join("\n"),
    );
    const dir = scratch();
    dir.file(
      "taskcast.config.json",
      JSON.stringify({ adapters: { longTermStore: { provider: "postgres", url: database } } }),
    );
    const again = await run(["migrate", "--yes"], { cwd: dir.dir });
    expect(again.stdout).toBe("[taskcast] Database is up to date.\n");
  });

  test("migrate without any URL fails", async () => {
    const result = await run(["migrate", "--yes"], { cwd: scratch().dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("[taskcast] No Postgres URL found.");
  });
});
