/** `taskcast start` as a subprocess: flags, config files, environment, start-up lines, serving. */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { json, Running, run, scratch, startServer } from "./helpers.ts";

const home = scratch();
/** `${NAME}` as written in a config file. */
const ref = (name: string) => `$${"{"}${name}}`;

describe("taskcast start", () => {
  test("no config: memory, the three start-up lines, serves, stops on SIGTERM with exit 0", async () => {
    const { server, base } = await startServer([], { cwd: home.dir });
    expect(server.stdout).toContain(
      "[taskcast] Config: (none)\n[taskcast] Short-term store: memory\n[taskcast] Long-term store:  (none)\n[taskcast] Server started on http://localhost:",
    );
    expect((await json(base, "GET", "/health")).body).toMatchObject({ ok: true, name: "taskcast" });
    const created = await json(base, "POST", "/tasks", { type: "t" });
    expect(created.status).toBe(201);
    expect(await server.stop()).toBe(0);
  });

  test("no subcommand means start", async () => {
    const dir = scratch().dir;
    const { server, base } = await startServer([], { cwd: dir });
    expect((await json(base, "GET", "/health")).status).toBe(200);
    await server.stop();
    const bare = await run(["-p", "0", "-s", "nope"], { cwd: dir });
    expect(bare.stderr).toContain('invalid storage mode "nope"');
  });

  test("--storage sqlite --db-path: both stores on the file, data kept across restarts", async () => {
    const dir = scratch().dir;
    const db = join(dir, "data.db");
    const first = await startServer(["-s", "sqlite", "--db-path", db], { cwd: dir });
    expect(first.server.stdout).toContain(
      `Short-term store: sqlite @ ${db}\n[taskcast] Long-term store:  sqlite @ ${db}`,
    );
    const task = (await json(first.base, "POST", "/tasks", {})).body;
    await json(first.base, "POST", `/tasks/${task.id}/events`, { type: "a", level: "info", data: 1 });
    await first.server.stop();
    const second = await startServer(["--storage", "sqlite", "--db-path", db], { cwd: dir });
    const history = await json(second.base, "GET", `/tasks/${task.id}/events/history`);
    expect(history.body).toMatchObject([{ type: "a", data: 1 }]);
    await second.server.stop();
  });

  test("YAML config found in cwd, environment references interpolated, auth and admin keys honoured", async () => {
    const dir = scratch();
    const path = dir.file(
      "taskcast.config.yaml",
      [
        `port: ${ref("TC_TEST_PORT")}`,
        "adminApi: true",
        `adminToken: ${ref("TC_ADMIN")}`,
        "auth:",
        "  mode: jwt",
        "  jwt:",
        `    secret: ${ref("TC_SECRET")}`,
        "trustedServices:",
        "  - name: svc",
        `    key: ${ref("TC_SERVICE_KEY")}`,
        "    scope: [task:create]",
      ].join("\n"),
    );
    const env = {
      TC_TEST_PORT: "0",
      TC_ADMIN: "admin-1",
      TC_SECRET: "s".repeat(32),
      TC_SERVICE_KEY: "svc-key",
    };
    const server = new Running(["start"], { cwd: dir.dir, env });
    const match = await server.waitFor(/Server started on (http:\/\/localhost:\d+)/);
    const base = match[1] ?? "";
    expect(server.stdout).toContain(`[taskcast] Config: ${path}`);
    expect((await json(base, "POST", "/tasks", {})).status).toBe(401);
    expect((await json(base, "POST", "/tasks", {}, { "X-Taskcast-Service-Key": "svc-key" })).status).toBe(
      201,
    );
    const token = await json(base, "POST", "/admin/token", { adminToken: "admin-1" });
    expect(typeof token.body.token).toBe("string");
    const authed = await json(base, "POST", "/tasks", {}, { authorization: `Bearer ${token.body.token}` });
    expect(authed.status).toBe(201);
    await server.stop();
  });

  test("--config JSON; environment beats the file; a generated admin token is printed", async () => {
    const dir = scratch();
    const path = dir.file("conf/custom.json", JSON.stringify({ auth: { mode: "jwt" }, adminApi: true }));
    const { server, base } = await startServer(["--config", "conf/custom.json"], {
      cwd: dir.dir,
      env: { TASKCAST_AUTH_MODE: "none" },
    });
    expect(server.stdout).toContain(`[taskcast] Config: ${path}`);
    expect(server.stdout).toMatch(/\[taskcast\] Admin token \(auto-generated\): [0-9A-HJKMNP-TV-Z]{26}\n/);
    expect((await json(base, "POST", "/tasks", {})).status).toBe(201);
    await server.stop();
  });

  test("a config in ~/.taskcast is used when cwd has none", async () => {
    const dir = scratch();
    const path = dir.file(".taskcast/taskcast.config.yml", "auth:\n  mode: jwt\n  jwt:\n    secret: abc\n");
    const cwd = join(dir.dir, "elsewhere");
    dir.file("elsewhere/.keep", "");
    const { server, base } = await startServer([], { cwd, env: { HOME: dir.dir } });
    expect(server.stdout).toContain(`[taskcast] Config: ${path}`);
    expect((await json(base, "POST", "/tasks", {})).status).toBe(401);
    await server.stop();
  });

  test("--verbose logs one line per request", async () => {
    const { server, base } = await startServer(["--verbose"], { cwd: scratch().dir });
    const task = (await json(base, "POST", "/tasks", {})).body;
    await json(base, "PATCH", `/tasks/${task.id}/status`, { status: "running" });
    await json(base, "POST", `/tasks/${task.id}/events`, { type: "llm.delta", level: "info" });
    await server.waitFor(/type: llm\.delta/);
    const lines = server.stdout.split("\n").filter((line) => line.includes(" → "));
    expect(lines[0]).toMatch(
      /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\] POST {3}\/tasks {30}→ 201 \d+ms {2}\(task created\)$/,
    );
    expect(lines[1]).toMatch(/PATCH {2}\/tasks\/\S+\/status\s+→ 200 \d+ms {2}\(→ running\)$/);
    expect(lines[2]).toMatch(/POST {3}\/tasks\/\S+\/events\s+→ 201 \d+ms {2}\(type: llm\.delta\)$/);
    await server.stop();
  });
});

describe("bad configuration fails start naming the key, exit 1", () => {
  // One file problem and one variable problem through the real bin; every other case is
  // checked in-process by start-errors.test.ts (same start path, without a process each).
  const cases: Array<{ name: string; file?: string; env: Record<string, string>; error: string }> = [
    {
      name: "port of the wrong type",
      file: "port: true\n",
      env: {},
      error: "[taskcast] Invalid config: port: expected a number",
    },
    {
      name: "TASKCAST_LOG_LEVEL",
      env: { TASKCAST_LOG_LEVEL: "loud" },
      error: '[taskcast] invalid TASKCAST_LOG_LEVEL "loud"; expected debug, info, warn, or error',
    },
  ];
  for (const item of cases) {
    test(item.name, async () => {
      const dir = scratch();
      if (item.file !== undefined) dir.file("taskcast.config.yaml", item.file);
      const result = await run(["start", "-p", "0"], { cwd: dir.dir, env: item.env });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(item.error);
      expect(result.stdout).not.toContain("Server started");
    });
  }
});
