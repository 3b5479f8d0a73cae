/**
 * A crash never drops an acknowledged write: the real `taskcast` process is killed with
 * SIGKILL while clients are creating tasks, publishing and finishing tasks, then started
 * again on the same SQLite file, Redis or PostgreSQL database. Everything that got a 2xx
 * answer before the kill must be there, byte for byte.
 */
import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import type { Task, TaskEvent } from "../../src/core/types.ts";
import { scratch, startServer } from "../cli/helpers.ts";
import { useServices } from "../support/services.ts";

const { redisUrl, pgUrl, database, prefix } = useServices("tc_crash");
const home = scratch();

/** What the server acknowledged with a 2xx before it died. */
interface Acknowledged {
  tasks: Task[];
  events: TaskEvent[];
  /** Tasks whose terminal transition was answered 200, with that answer. */
  finished: Task[];
}

/** A request whose failure (the server is gone) simply means "not acknowledged". */
async function attempt(base: string, method: string, path: string, body: unknown): Promise<unknown> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return response.ok ? await response.json() : undefined;
  } catch {
    return undefined;
  }
}

/** Clients writing as fast as they can until `stop` says so; then the server is killed under them. */
async function writeUntilKilled(base: string, kill: () => Promise<unknown>): Promise<Acknowledged> {
  const acked: Acknowledged = { tasks: [], events: [], finished: [] };
  let alive = true;
  const writer = async (worker: number) => {
    while (alive) {
      const task = (await attempt(base, "POST", "/tasks", { type: "crash" })) as Task | undefined;
      if (!task) continue;
      acked.tasks.push(task);
      if (!(await attempt(base, "PATCH", `/tasks/${task.id}/status`, { status: "running" }))) continue;
      for (let i = 0; i < 10 && alive; i++) {
        const batch = i % 3 === 0;
        const event = { type: "step", level: "info", data: { worker, i } };
        const answer = await attempt(
          base,
          "POST",
          `/tasks/${task.id}/events`,
          batch ? [event, event] : event,
        );
        if (answer) acked.events.push(...(Array.isArray(answer) ? answer : [answer]));
      }
      const done = (await attempt(base, "PATCH", `/tasks/${task.id}/status`, {
        status: "completed",
        result: { worker },
      })) as Task | undefined;
      if (done) acked.finished.push(done);
    }
  };
  const writers = Array.from({ length: 6 }, (_, worker) => writer(worker));
  // Kill mid-stream: once a good number of writes were acknowledged, with more in flight.
  while (acked.events.length < 150) await Bun.sleep(5);
  await kill();
  alive = false;
  await Promise.all(writers);
  return acked;
}

async function expectAllThere(base: string, acked: Acknowledged): Promise<void> {
  const histories = new Map<string, Map<string, TaskEvent>>();
  for (const task of acked.tasks) {
    const read = await fetch(`${base}/tasks/${task.id}`);
    expect(read.status).toBe(200);
    const history = (await (await fetch(`${base}/tasks/${task.id}/events/history`)).json()) as TaskEvent[];
    histories.set(task.id, new Map(history.map((event) => [event.id, event])));
  }
  const missing = acked.events.filter((event) => {
    const stored = histories.get(event.taskId)?.get(event.id);
    // Deep equality: PostgreSQL's jsonb reorders object keys (storage.md §2.3).
    return !Bun.deepEquals(stored, event);
  });
  expect(missing).toEqual([]);
  for (const done of acked.finished) {
    const task = (await (await fetch(`${base}/tasks/${done.id}`)).json()) as Task;
    expect(task).toMatchObject({ status: "completed", result: done.result ?? {} });
  }
}

async function crashKeeps(args: string[], env: () => Record<string, string>): Promise<void> {
  const first = await startServer(args, { cwd: home.dir, env: env() });
  const acked = await writeUntilKilled(first.base, () => first.server.stop("SIGKILL"));
  expect(acked.tasks.length).toBeGreaterThan(0);
  const second = await startServer(args, { cwd: home.dir, env: env() });
  await expectAllThere(second.base, acked);
  await second.server.stop();
}

describe("kill -9 mid-publish: every acknowledged write survives", () => {
  test("sqlite", () => crashKeeps(["-s", "sqlite", "--db-path", join(home.dir, "crash.db")], () => ({})));

  test.skipIf(!redisUrl)("redis", () =>
    crashKeeps([], () => ({ TASKCAST_REDIS_URL: redisUrl ?? "", TASKCAST_REDIS_PREFIX: `${prefix}:r` })),
  );

  test.skipIf(!pgUrl)("postgres behind the memory hot store", () =>
    crashKeeps([], () => ({ TASKCAST_POSTGRES_URL: database.url() })),
  );

  test.skipIf(!redisUrl || !pgUrl)("redis + postgres", () =>
    crashKeeps([], () => ({
      TASKCAST_REDIS_URL: redisUrl ?? "",
      TASKCAST_REDIS_PREFIX: `${prefix}:rp`,
      TASKCAST_POSTGRES_URL: database.url(),
    })),
  );
});
