import { describe, expect, test } from "bun:test";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import type { TaskEvent } from "../../src/core/types.ts";
import {
  MemoryBroadcast,
  MemoryLongTermStore,
  MemoryShortTermStore,
} from "../../src/storage/memory/index.ts";
import type { LongTermStore } from "../../src/storage/ports.ts";
import { collect, setup, taskIn, unwrap } from "./helpers.ts";

describe("engine.publishEvent", () => {
  test("answers the stored event with the next index, timestamp and a ULID id", async () => {
    const { engine, clock } = setup();
    const task = await taskIn(engine, "running");
    const event = unwrap(
      await engine.publishEvent(task.id, { type: "llm.delta", level: "info", data: { text: "hi" } }),
    );
    expect(event).toEqual({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      taskId: task.id,
      index: 1,
      timestamp: clock.now(),
      type: "llm.delta",
      level: "info",
      data: { text: "hi" },
    });
    expect(Object.keys(event)).toEqual(["id", "taskId", "index", "timestamp", "type", "level", "data"]);
  });

  test("missing data is normalised to null", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "pending");
    const event = unwrap(await engine.publishEvent(task.id, { type: "ping", level: "debug" }));
    expect(event.data).toBeNull();
    expect(unwrap(await engine.getHistory(task.id))[0]?.data).toBeNull();
  });

  test("every non-terminal status accepts events; terminal and unknown tasks do not", async () => {
    const { engine } = setup();
    for (const status of ["pending", "assigned", "running", "paused", "blocked"] as const) {
      const task = await taskIn(engine, status);
      expect((await engine.publishEvent(task.id, { type: "x", level: "info" })).ok).toBe(true);
    }
    const done = await taskIn(engine, "completed");
    expect(await engine.publishEvent(done.id, { type: "x", level: "info" })).toEqual({
      ok: false,
      error: { kind: "bad_request", message: "Cannot publish to task in terminal status: completed" },
    });
    expect(await engine.publishEvent("nope", { type: "x", level: "info" })).toEqual({
      ok: false,
      error: { kind: "not_found", message: "Task not found: nope" },
    });
  });

  test("200 concurrent publishes: indexes 0..199, broadcast in index order", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "pending");
    const live = await collect(engine, task.id);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        engine.publishEvent(task.id, { type: "n", level: "info", data: i }),
      ),
    );
    const indexes = results.map((r) => unwrap(r).index);
    expect([...indexes].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(live.map((m) => m.index)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  test("two engines on one store never share an index", async () => {
    const shortTerm = new MemoryShortTermStore();
    const broadcast = new MemoryBroadcast();
    const engines = [
      new TaskcastEngine({ shortTerm, broadcast }),
      new TaskcastEngine({ shortTerm, broadcast }),
    ];
    const task = await taskIn(engines[0]!, "running");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        engines[i % 2]!.publishEvent(task.id, { type: "n", level: "info" }),
      ),
    );
    expect(new Set(results.map((r) => unwrap(r).index)).size).toBe(100);
  });

  test("accumulate: the answer is the delta, the broadcast carries the running total", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "running");
    const live = await collect(engine, task.id);
    const series = {
      type: "llm.delta",
      level: "info" as const,
      seriesId: "answer",
      seriesMode: "accumulate" as const,
    };
    unwrap(await engine.publishEvent(task.id, { ...series, data: { delta: "Hel" } }));
    const second = unwrap(await engine.publishEvent(task.id, { ...series, data: { delta: "lo" } }));
    expect(second.data).toEqual({ delta: "lo" });
    expect(live.map((m) => m._accumulatedData)).toEqual([{ delta: "Hel" }, { delta: "Hello" }]);
    expect(live[1]?.data).toEqual({ delta: "lo" });
  });

  test("publishEvents goes in order and stops at the first failure", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "running");
    const batch = unwrap(
      await engine.publishEvents(task.id, [
        { type: "a", level: "info" },
        { type: "b", level: "warn" },
      ]),
    );
    expect(batch.map((e) => [e.type, e.index])).toEqual([
      ["a", 1],
      ["b", 2],
    ]);
    expect((await engine.publishEvents("nope", [{ type: "a", level: "info" }])).ok).toBe(false);
  });
});

describe("durable write-behind", () => {
  test("keep-all events are copied; latest/accumulate series compact to one row", async () => {
    const { engine, longTerm } = setup({ durable: true });
    const task = await taskIn(engine, "running");
    const acc = { type: "t", level: "info" as const, seriesId: "s", seriesMode: "accumulate" as const };
    const latest = { type: "p", level: "info" as const, seriesId: "p", seriesMode: "latest" as const };
    const first = unwrap(await engine.publishEvent(task.id, { ...acc, data: { delta: "a" } }));
    unwrap(await engine.publishEvent(task.id, { ...latest, data: 1 }));
    const last = unwrap(await engine.publishEvent(task.id, { ...acc, data: { delta: "b" } }));
    unwrap(await engine.publishEvent(task.id, { ...latest, data: 2 }));
    await engine.settle();
    const durable = (await longTerm?.getEvents(task.id)) ?? [];
    expect(durable.map((e) => [e.index, e.data])).toEqual([
      [0, { status: "running" }],
      [1, { delta: "ab" }],
      [2, 2],
    ]);
    expect(durable[1]?.id).toBe(first.id);
    expect(durable[1]?.timestamp).toBe(last.timestamp);
  });

  /** A hot store that outlives the process (as SQLite or Redis do), over memory maps. */
  const lastingHotStore = () => Object.assign(new MemoryShortTermStore(), { outlivesProcess: true });
  const failingDurable = (): LongTermStore =>
    Object.assign(new MemoryLongTermStore(), {
      saveEvent: async () => {
        throw new Error("disk full");
      },
    });

  test("behind a lasting hot store a failing durable write is reported, never thrown", async () => {
    const dropped: TaskEvent[] = [];
    const { engine } = setup({
      shortTerm: lastingHotStore(),
      longTerm: failingDurable(),
      hooks: { onEventDropped: (event) => dropped.push(event) },
    });
    const task = unwrap(await engine.createTask({}));
    const event = unwrap(await engine.publishEvent(task.id, { type: "x", level: "info" }));
    await engine.settle();
    expect(dropped.map((e) => e.id)).toContain(event.id);
  });

  test("behind the memory hot store the durable copy is written before the answer", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = new MemoryLongTermStore();
    const save = slow.saveEvent.bind(slow);
    slow.saveEvent = async (event) => {
      await gate;
      await save(event);
    };
    const { engine } = setup({ longTerm: slow });
    const task = unwrap(await engine.createTask({}));
    let answered = false;
    const publishing = engine.publishEvent(task.id, { type: "x", level: "info" }).then((result) => {
      answered = true;
      return unwrap(result);
    });
    await Bun.sleep(10);
    expect(answered).toBe(false);
    release();
    const event = await publishing;
    expect((await slow.getEvents(task.id)).map((e) => e.id)).toEqual([event.id]);

    // A durable failure is then the caller's: the write was not acknowledged.
    const failing = setup({ longTerm: failingDurable() }).engine;
    const other = unwrap(await failing.createTask({}));
    await expect(failing.publishEvent(other.id, { type: "x", level: "info" })).rejects.toThrow("disk full");
    await expect(failing.transition(other.id, "running")).rejects.toThrow("disk full");
  });

  test("a failing broadcast surfaces to the caller but the event is stored and copied", async () => {
    const broadcast = Object.assign(new MemoryBroadcast(), {
      publish: async () => {
        throw new Error("redis down");
      },
    });
    const { engine, shortTerm, longTerm } = setup({ durable: true, broadcast });
    const task = unwrap(await engine.createTask({}));
    await expect(engine.publishEvent(task.id, { type: "x", level: "info" })).rejects.toThrow("redis down");
    await engine.settle();
    expect(await shortTerm.getEvents(task.id)).toHaveLength(1);
    expect(await longTerm?.getEvents(task.id)).toHaveLength(1);
  });
});
