/**
 * Durability across a restart: every event answered 2xx before a graceful stop is there after
 * the server comes back on the same SQLite file, Redis or PostgreSQL database.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StartFlags } from "../../src/cli/start/run.ts";
import type { TaskEvent } from "../../src/core/types.ts";
import { call, createTask, publish, transition } from "../server/helpers.ts";
import { useServices } from "../support/services.ts";
import { start } from "./servers.ts";

const { redisUrl, pgUrl, database, prefix } = useServices("tc_restart");
const dir = mkdtempSync(join(tmpdir(), "taskcast-restart-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Publishes 60 events over three tasks (concurrently across tasks), finishing one of them. */
interface Written {
  accepted: Map<string, TaskEvent[]>;
  completed: string;
}

async function writeSome(base: string): Promise<Written> {
  const accepted = new Map<string, TaskEvent[]>();
  const tasks = await Promise.all([0, 1, 2].map(() => createTask(base, { type: "durable" })));
  await Promise.all(
    tasks.map(async (task, t) => {
      const events: TaskEvent[] = [];
      expect((await transition(base, task.id, "running")).status).toBe(200);
      for (let i = 0; i < 20; i++)
        events.push(...(await publish(base, task.id, { type: "e", level: "info", data: { t, i } })));
      if (t === 0)
        expect((await transition(base, task.id, "completed", { result: { ok: 1 } })).status).toBe(200);
      accepted.set(task.id, events);
    }),
  );
  return { accepted, completed: tasks[0]?.id ?? "" };
}

async function expectAllThere(base: string, { accepted, completed }: Written): Promise<void> {
  for (const [taskId, events] of accepted) {
    const history = (await call(base, "GET", `/tasks/${taskId}/events/history`)).body as TaskEvent[];
    const stored = new Map(history.map((event) => [event.id, event]));
    for (const event of events) expect(stored.get(event.id)).toEqual(event);
    expect(history.filter((event) => event.type === "taskcast:status").length).toBeGreaterThanOrEqual(1);
  }
  expect((await call(base, "GET", `/tasks/${completed}`)).body).toMatchObject({
    status: "completed",
    result: { ok: 1 },
  });
}

async function restartKeeps(env: Record<string, string>, flags: StartFlags = {}): Promise<void> {
  const first = await start(env, flags);
  const written = await writeSome(first.base);
  await first.stop();
  const second = await start(env, flags);
  await expectAllThere(second.base, written);
  await second.stop();
}

describe("events accepted before a restart are there after it", () => {
  test("sqlite", () => restartKeeps({}, { storage: "sqlite", dbPath: join(dir, "t.db") }));

  test.skipIf(!redisUrl)("redis", () =>
    restartKeeps({ TASKCAST_REDIS_URL: redisUrl ?? "", TASKCAST_REDIS_PREFIX: `${prefix}:r` }),
  );

  test.skipIf(!pgUrl)("postgres (memory hot store: everything comes back from PostgreSQL)", () =>
    restartKeeps({ TASKCAST_POSTGRES_URL: database.url() }),
  );

  test.skipIf(!redisUrl || !pgUrl)("redis + postgres", () =>
    restartKeeps({
      TASKCAST_REDIS_URL: redisUrl ?? "",
      TASKCAST_REDIS_PREFIX: `${prefix}:rp`,
      TASKCAST_POSTGRES_URL: database.url(),
    }),
  );
});
