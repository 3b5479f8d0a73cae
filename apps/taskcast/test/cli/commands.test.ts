/** Client commands against a real server: node, ping, doctor, logs, tail. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { json, Running, run, scratch, startServer } from "./helpers.ts";

const home = scratch();
let base = "";
let stopServer: () => Promise<number>;

beforeAll(async () => {
  const started = await startServer([], { cwd: home.dir });
  base = started.base;
  stopServer = () => started.server.stop();
  const added = await run(["node", "add", "local", "--url", base], { cwd: home.dir });
  expect(added.code).toBe(0);
});
afterAll(() => stopServer());

describe("node", () => {
  test("list, use, unknown names", async () => {
    const empty = await run(["node", "list"], { cwd: scratch().dir });
    expect(empty.stdout).toBe("No nodes configured. Using default: http://localhost:3721\n");
    expect((await run(["node", "list"], { cwd: home.dir })).stdout).toBe(`  local  ${base} (jwt)\n`);
    const missing = await run(["ping", "--node", "nope"], { cwd: home.dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Node "nope" not found');
  });
});

describe("ping and doctor", () => {
  test("ping answers OK with the latency, FAIL and exit 1 when unreachable", async () => {
    const dir = scratch();
    // Independent processes run side by side to keep the suite quick.
    const [ok] = await Promise.all([
      run(["ping", "--node", "local"], { cwd: home.dir }),
      run(["node", "add", "down", "--url", "http://127.0.0.1:1"], { cwd: dir.dir }).then(() =>
        run(["node", "use", "down"], { cwd: dir.dir }),
      ),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(new RegExp(`^OK — taskcast at ${base} \\(\\d+ms\\)\\n$`));
    const [down, doctor] = await Promise.all([
      run(["ping"], { cwd: dir.dir }),
      run(["doctor"], { cwd: dir.dir }),
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toStartWith("FAIL — cannot reach http://127.0.0.1:1: ");
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toStartWith("Server:    FAIL  cannot reach http://127.0.0.1:1: ");
  });

  test("doctor prints server, auth and each adapter", async () => {
    const result = await run(["doctor", "--node", "local"], { cwd: home.dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^Server: {4}OK  taskcast at ${base} \\(uptime: \\d+s\\)\\nAuth: {6}OK  none\\nBroadcast: OK  memory\\nShortTerm: OK  memory\\nLongTerm: {2}SKIP  not configured\\n$`,
      ),
    );
  });
});

describe("logs and tail", () => {
  test("logs prints each event and [DONE], then exits 0", async () => {
    const task = (await json(base, "POST", "/tasks", {})).body;
    await json(base, "PATCH", `/tasks/${task.id}/status`, { status: "running" });
    await json(base, "POST", `/tasks/${task.id}/events`, {
      type: "llm.delta",
      level: "info",
      data: { text: "hi" },
    });
    await json(base, "POST", `/tasks/${task.id}/events`, { type: "debug.note", level: "debug", data: 1 });
    const logs = new Running(["logs", String(task.id), "--node", "local", "--types", "llm.*"], {
      cwd: home.dir,
    });
    await logs.waitFor(/llm\.delta/);
    await json(base, "PATCH", `/tasks/${task.id}/status`, { status: "completed" });
    expect(await logs.exited).toBe(0);
    const lines = logs.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\] llm\.delta {8}info {2}\{"text":"hi"\}$/);
    expect(lines[1]).toMatch(/^\[\d\d:\d\d:\d\d\] \[DONE\] completed$/);
  });

  test("tail follows tasks created after it started", async () => {
    const tail = new Running(["tail", "--node", "local"], { cwd: home.dir });
    // Only tasks created after tail connected are followed, so create until one shows up.
    let id = "";
    for (let attempt = 0; attempt < 50 && !tail.stdout.includes("progress"); attempt++) {
      id = String((await json(base, "POST", "/tasks", {})).body.id);
      await json(base, "PATCH", `/tasks/${id}/status`, { status: "running" });
      await json(base, "POST", `/tasks/${id}/events`, { type: "progress", level: "warn", data: { p: 1 } });
      await Bun.sleep(100);
    }
    await tail.waitFor(new RegExp(`${id.slice(0, 7)}\\.\\. {2}progress`));
    await tail.stop();
    expect(tail.stdout).toMatch(
      new RegExp(`\\[\\d\\d:\\d\\d:\\d\\d\\] ${id.slice(0, 7)}\\.\\. {2}progress {9}warn {2}\\{"p":1\\}\\n`),
    );
    expect(tail.stdout).toContain(`${id.slice(0, 7)}..  taskcast:status  info  {"status":"running"}`);
  });
});
