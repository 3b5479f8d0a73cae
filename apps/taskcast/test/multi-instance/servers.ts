/**
 * Real servers started in this process through the CLI's start path (`taskcast start -p 0`),
 * with the environment given here rather than the test runner's.
 */
import { afterEach } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningTaskcast, type StartFlags, startTaskcast } from "../../src/cli/start/run.ts";

const running = new Set<RunningTaskcast>();
afterEach(async () => {
  await Promise.all([...running].map((server) => server.stop()));
  running.clear();
});

/** An empty working directory, so no stray config file is picked up. */
const cwd = mkdtempSync(join(tmpdir(), "taskcast-multi-"));
process.on("exit", () => rmSync(cwd, { recursive: true, force: true }));

export interface Started {
  base: string;
  running: RunningTaskcast;
  stop(): Promise<void>;
}

export async function start(env: Record<string, string>, flags: StartFlags = {}): Promise<Started> {
  const server = await startTaskcast(
    { port: "0", ...flags },
    { out: () => {}, err: () => {}, env: { TASKCAST_LOG_LEVEL: "error", ...env }, cwd },
  );
  running.add(server);
  return {
    base: `http://localhost:${server.port}`,
    running: server,
    stop: async () => {
      running.delete(server);
      await server.stop();
    },
  };
}
