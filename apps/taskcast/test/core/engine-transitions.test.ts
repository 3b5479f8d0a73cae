import { describe, expect, test } from "bun:test";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import type { Task, TaskStatus } from "../../src/core/types.ts";
import { MemoryBroadcast, MemoryShortTermStore } from "../../src/storage/memory/index.ts";
import { collect, setup, taskIn, unwrap } from "./helpers.ts";

describe("engine.transition", () => {
  test("stores, broadcasts and answers the updated task", async () => {
    const { engine, clock } = setup();
    const task = await taskIn(engine, "running");
    const live = await collect(engine, task.id);
    clock.advance(500);
    const done = unwrap(await engine.transition(task.id, "completed", { result: { answer: 42 } }));
    expect(done).toMatchObject({ status: "completed", result: { answer: 42 }, completedAt: clock.now() });
    expect(done.updatedAt).toBe(clock.now());
    expect(await engine.getTask(task.id)).toEqual(done);
    const history = unwrap(await engine.getHistory(task.id));
    expect(history.map((e) => [e.index, e.type, e.data])).toEqual([
      [0, "taskcast:status", { status: "running" }],
      [1, "taskcast:status", { status: "completed", result: { answer: 42 } }],
    ]);
    expect(live).toEqual([history[1]!]);
  });

  test("unknown task", async () => {
    const { engine } = setup();
    expect(await engine.transition("nope", "running")).toEqual({
      ok: false,
      error: { kind: "not_found", message: "Task not found: nope" },
    });
  });

  test("20 concurrent terminal transitions: exactly one wins", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "running");
    const targets: TaskStatus[] = ["completed", "failed", "cancelled", "timeout"];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => engine.transition(task.id, targets[i % 4] ?? "completed")),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.kind === "invalid_transition")).toHaveLength(19);
    const statusEvents = unwrap(await engine.getHistory(task.id)).filter((e) => e.type === "taskcast:status");
    expect(statusEvents).toHaveLength(2);
  });

  test("two engines sharing one store (two instances): still exactly one winner", async () => {
    const shortTerm = new MemoryShortTermStore();
    const broadcast = new MemoryBroadcast();
    const a = new TaskcastEngine({ shortTerm, broadcast });
    const b = new TaskcastEngine({ shortTerm, broadcast });
    const task = await taskIn(a, "running");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).transition(task.id, "completed")),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(
      results.filter((r) => !r.ok && r.error.message === "Invalid transition: completed \u2192 completed"),
    ).toHaveLength(19);
  });

  test("a concurrent change is re-validated: a still-valid transition retries and wins", async () => {
    const shortTerm = new MemoryShortTermStore();
    const broadcast = new MemoryBroadcast();
    const a = new TaskcastEngine({ shortTerm, broadcast });
    const b = new TaskcastEngine({ shortTerm, broadcast });
    const task = await taskIn(a, "running");
    const [paused, cancelled] = await Promise.all([
      a.transition(task.id, "paused"),
      b.transition(task.id, "cancelled"),
    ]);
    expect(paused.ok && cancelled.ok).toBe(true);
    expect((await a.getTask(task.id))?.status).toBe("cancelled");
  });

  test("hooks and listeners run after the commit; a throwing listener changes nothing", async () => {
    const calls: string[] = [];
    const errors: unknown[] = [];
    const { engine } = setup({
      hooks: {
        onTaskTransitioned: (_task, from, to) => calls.push(`hook ${from}->${to}`),
        onTaskFailed: (_task, error) => calls.push(`failed ${error?.message}`),
        onTaskTimeout: (task) => calls.push(`timeout ${task.status}`),
        onListenerError: (error) => errors.push(error),
      },
    });
    const stop = engine.onTaskTransitioned((task, from) => calls.push(`listener ${from}->${task.status}`));
    engine.onTaskTransitioned(() => {
      throw new Error("listener bug");
    });
    const task = await taskIn(engine, "running");
    unwrap(await engine.transition(task.id, "failed", { error: { message: "boom" } }));
    stop();
    const other = await taskIn(engine, "pending");
    unwrap(await engine.transition(other.id, "timeout"));
    expect(calls).toEqual([
      "hook pending->running",
      "listener pending->running",
      "failed boom",
      "hook running->failed",
      "listener running->failed",
      "timeout timeout",
      "hook pending->timeout",
    ]);
    expect(errors).toHaveLength(3);
  });

  test("with a durable store the task is saved before answering and events behind", async () => {
    const { engine, longTerm } = setup({ durable: true });
    const task = await taskIn(engine, "running");
    const done = unwrap(await engine.transition(task.id, "completed"));
    expect(await longTerm?.getTask(task.id)).toEqual(done);
    await engine.settle();
    expect((await longTerm?.getEvents(task.id))?.map((e) => e.index)).toEqual([0, 1]);
  });
});

describe("engine.createTask", () => {
  test("generated ULID id, pending, createdAt == updatedAt, only given fields", async () => {
    const { engine, clock } = setup();
    const task = unwrap(await engine.createTask({ type: "llm.chat", params: { prompt: "hi" }, tags: ["a"] }));
    expect(task.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(task).toEqual({
      id: task.id,
      type: "llm.chat",
      status: "pending",
      params: { prompt: "hi" },
      createdAt: clock.now(),
      updatedAt: clock.now(),
      tags: ["a"],
    } satisfies Task);
  });

  test("explicit ids are unique, also against the durable store", async () => {
    const { engine, longTerm } = setup({ durable: true });
    unwrap(await engine.createTask({ id: "job-1", type: "first" }));
    expect(await engine.createTask({ id: "job-1", type: "second" })).toEqual({
      ok: false,
      error: { kind: "conflict", message: "Task already exists: job-1" },
    });
    expect((await engine.getTask("job-1"))?.type).toBe("first");
    await longTerm?.saveTask({ id: "cold-1", status: "completed", createdAt: 1, updatedAt: 1 });
    expect((await engine.createTask({ id: "cold-1" })).ok).toBe(false);
    expect(await engine.getTask("cold-1")).toMatchObject({ status: "completed" });
  });

  test("TTL and cost guards", async () => {
    const { engine } = setup();
    expect(await engine.createTask({ ttl: 0 })).toEqual({
      ok: false,
      error: { kind: "bad_request", message: "Invalid TTL: 0. TTL must be a positive number." },
    });
    expect((await engine.createTask({ cost: -1 })).ok).toBe(false);
    expect((await engine.createTask({ cost: 0 })).ok).toBe(true);
  });

  test("creation listeners and listing", async () => {
    const { engine } = setup();
    const created: string[] = [];
    const stop = engine.onTaskCreated((task) => created.push(task.id));
    const a = unwrap(await engine.createTask({ type: "x" }));
    stop();
    const b = await taskIn(engine, "running");
    expect(created).toEqual([a.id]);
    expect((await engine.listTasks()).map((t) => t.id)).toEqual([a.id, b.id]);
    expect((await engine.listTasks({ statuses: ["running"] })).map((t) => t.id)).toEqual([b.id]);
    expect((await engine.listTasks({ types: ["x"] })).map((t) => t.id)).toEqual([a.id]);
  });
});
