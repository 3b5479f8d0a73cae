import { expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, createShutdown, memorySink } from "@rt/kit";
import { MemoryBus } from "@rt/realtime";
import { planShutdown } from "../src/operations/shutdown.ts";
import { CableClient } from "./support/cable.ts";
import { RunningCampfire, setUp } from "./support/campfire.ts";

// Graceful shutdown (src/operations/shutdown.ts through @rt/kit's createShutdown): stop accepting,
// let the pages go, finish the app's work, then close the connections it needed.
test("sockets close with 'going away', the server stops taking requests, and everything is closed in order", async () => {
  const bus = new MemoryBus();
  const campfire = RunningCampfire.start({ bus });
  const david = await setUp(campfire);
  await david.get("/rooms/1");
  const socket = await CableClient.connect(campfire.wsUrl, david);
  let redisQuit = false;
  const log = memorySink();
  const exits: number[] = [];
  const shutdown = createShutdown({
    logger: createLogger({ level: "info", sink: log.sink }),
    deadlineMs: 5000,
    exit: (code) => exits.push(code),
  });
  planShutdown(shutdown, {
    server: campfire.parts.server,
    campfire: campfire.parts.app,
    bus,
    redis: {
      quit: async () => {
        redisQuit = true;
      },
    },
  });

  const report = await shutdown.run("test");
  expect(await socket.closed).toBe(1001);
  expect(report.timedOut).toBe(false);
  expect(report.closed.map((step) => [step.name, step.error])).toEqual([
    ["http", undefined],
    ["sockets", undefined],
    ["campfire", undefined],
    ["bus", undefined],
    ["redis", undefined],
  ]);
  expect(redisQuit).toBe(true);
  expect(exits).toEqual([]);
  await expect(fetch(`${campfire.url}/up`)).rejects.toThrow();
  expect(log.records().map((record) => record.msg)).toEqual(["shutting down", "shut down"]);
  campfire.discard();
});

test("main.ts: SIGTERM shuts the server down cleanly and exits 0", async () => {
  const dir = mkdtempSync(join(tmpdir(), "campfire-main-"));
  const child = Bun.spawn([process.execPath, join(import.meta.dir, "../src/main.ts")], {
    env: {
      ...process.env,
      PORT: "0",
      CAMPFIRE_DB_PATH: join(dir, "campfire.db"),
      LOG_LEVEL: "info",
      REDIS_URL: "",
    },
    stdout: "pipe",
    stderr: "inherit",
  });
  try {
    const reader = child.stdout.getReader();
    let output = "";
    let url: string | undefined;
    while (!url) {
      const { done, value } = await reader.read();
      if (done) throw new Error(`main.ts stopped before listening: ${output}`);
      output += new TextDecoder().decode(value);
      url = /"url":"(http:\/\/localhost:\d+)"/.exec(output)?.[1];
    }
    expect((await fetch(`${url}/up`)).status).toBe(200);

    child.kill("SIGTERM");
    expect(await child.exited).toBe(0);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      output += new TextDecoder().decode(value);
    }
    expect(output).toContain('"msg":"shutting down"');
    expect(output).toContain('"steps":["http","sockets","campfire"]');
    expect(output).toContain('"msg":"shut down"');
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
