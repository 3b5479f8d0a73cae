/** Infrastructure failures (api.md §0) and the reusable `buildServer` entry. */
import { afterAll, expect, test } from "bun:test";
import { createLogger } from "@rt/kit";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import type { Task } from "../../src/core/types.ts";
import { buildServer } from "../../src/server/build.ts";
import { MemoryBroadcast, MemoryShortTermStore } from "../../src/storage/memory/index.ts";
import { call, closeAll, createTask, startServer } from "./helpers.ts";

afterAll(closeAll);

class FlakyStore extends MemoryShortTermStore {
  failure: Error | undefined;
  override async getTask(taskId: string): Promise<Task | null> {
    if (this.failure) throw this.failure;
    return super.getTask(taskId);
  }
}

test("dependency outages → 503 with the dependency named; other failures → 500 text", async () => {
  const store = new FlakyStore();
  const engine = new TaskcastEngine({ shortTerm: store, broadcast: new MemoryBroadcast() });
  const { base } = await startServer({ engine });
  const task = await createTask(base);
  const outage = Object.assign(new Error("socket closed"), {
    dependency: "redisCommand",
    errorKind: "connection_reset",
  });
  store.failure = new Error("wrapped", { cause: outage });
  const unavailable = await call(base, "GET", `/tasks/${task.id}`);
  expect(unavailable.status).toBe(503);
  expect(unavailable.body).toEqual({ error: "redisCommand unavailable (connection_reset)" });
  store.failure = new Error("postgres://user:secret@db/x exploded");
  const broken = await call(base, "GET", `/tasks/${task.id}`);
  expect(broken.status).toBe(500);
  expect(broken.text).toBe("Internal Server Error");
  store.failure = undefined;
  expect((await call(base, "GET", `/tasks/${task.id}`)).status).toBe(200);
});

test("buildServer wires engine, scheduler and import over the given adapters", async () => {
  const built = buildServer({
    storage: { shortTerm: new MemoryShortTermStore(), broadcast: new MemoryBroadcast() },
    logger: createLogger({ level: "silent" }),
    admin: { adminApi: true, adminToken: "t" },
    tickMs: 100,
  });
  const http = Bun.serve({ port: 0, fetch: built.fetch });
  const base = `http://localhost:${http.port}`;
  try {
    const task = await createTask(base, { ttl: 1 });
    expect((await call(base, "POST", "/admin/token", { body: { adminToken: "t" } })).status).toBe(200);
    const archive = (await call(base, "GET", `/tasks/${task.id}/archive`)).body as { task: Task };
    // Overwriting replaces the task and its whole history with the archive's.
    await call(base, "POST", `/tasks/${task.id}/events`, { body: { type: "later", level: "info" } });
    const overwrite = await call(base, "POST", "/tasks/import", { body: { archive, overwrite: true } });
    expect(overwrite.status).toBe(200);
    expect(overwrite.body).toEqual({ ok: true, taskId: task.id, eventCount: 0, overwritten: true });
    expect((await call(base, "GET", `/tasks/${task.id}/events/history`)).body).toEqual([]);
    expect(built.engine.ttlDeadline(task.id)).toBeNumber();
  } finally {
    await built.close();
    await http.stop(true);
  }
});
