/**
 * CI sets TEST_REQUIRE_SERVICES=1 so that a PostgreSQL that is down fails the PostgreSQL run
 * instead of silently skipping it. Checked here by running two database-backed test files
 * (the migration contract and one using `backendsUnderTest`) against an address nothing
 * listens on: both must fail, and nothing may pass or skip.
 */
import { expect, test } from "bun:test";
import { resolve } from "node:path";

const repoRoot = resolve(import.meta.dir, "../../../..");

test("with TEST_REQUIRE_SERVICES=1 an unreachable PostgreSQL fails the files, never skips them", async () => {
  const { TEST_DATABASE_URL: _unused, ...env } = process.env;
  const child = Bun.spawn(
    [
      process.execPath,
      "test",
      "apps/arinova/test/db/postgres.test.ts",
      "apps/arinova/test/auth/original-users.test.ts",
    ],
    {
      cwd: repoRoot,
      env: {
        ...env,
        TEST_DATABASE_URL: "postgres://postgres@127.0.0.1:1/absent",
        TEST_REQUIRE_SERVICES: "1",
      },
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  const output = stdout + stderr;
  expect(exitCode).toBe(1);
  expect(output).toContain("TEST_DATABASE_URL=postgres://postgres@127.0.0.1:1/absent is unreachable");
  expect(output).toMatch(/\b0 pass\b/);
  expect(output).toMatch(/\b2 fail\b/);
  expect(output).not.toMatch(/\b[1-9]\d* skip\b/);
}, 60_000);
