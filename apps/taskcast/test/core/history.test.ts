import { describe, expect, test } from "bun:test";
import { setup, taskIn, unwrap } from "./helpers.ts";

async function taskWithEvents() {
  const ctx = setup({ durable: true });
  const task = await taskIn(ctx.engine, "running");
  const events = [unwrap(await ctx.engine.getHistory(task.id))[0]!];
  for (let i = 1; i < 5; i++) {
    ctx.clock.advance(10);
    events.push(unwrap(await ctx.engine.publishEvent(task.id, { type: "log", level: "info", data: i })));
  }
  return { ...ctx, task, events };
}

describe("engine.getHistory", () => {
  test("unknown task", async () => {
    const { engine } = setup();
    expect(await engine.getHistory("nope")).toEqual({
      ok: false,
      error: { kind: "not_found", message: "Task not found" },
    });
  });

  test("cursors: id, index, timestamp (first present wins), then limit", async () => {
    const { engine, task, events } = await taskWithEvents();
    const indexes = async (options: Parameters<typeof engine.getHistory>[1]) =>
      unwrap(await engine.getHistory(task.id, options)).map((e) => e.index);
    expect(await indexes({})).toEqual([0, 1, 2, 3, 4]);
    expect(await indexes({ since: { id: events[2]!.id } })).toEqual([3, 4]);
    expect(await indexes({ since: { id: "unknown" } })).toEqual([0, 1, 2, 3, 4]);
    expect(await indexes({ since: { index: 3 } })).toEqual([4]);
    expect(await indexes({ since: { timestamp: events[1]!.timestamp } })).toEqual([2, 3, 4]);
    expect(await indexes({ since: { id: events[3]!.id, index: 0 } })).toEqual([4]);
    expect(await indexes({ limit: 2 })).toEqual([0, 1]);
    expect(await indexes({ since: { index: 1 }, limit: 2 })).toEqual([2, 3]);
  });

  test("seriesFormat=accumulated collapses accumulate series; delta keeps every delta", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "running");
    const acc = { type: "llm", level: "info" as const, seriesId: "a", seriesMode: "accumulate" as const };
    unwrap(await engine.publishEvent(task.id, { ...acc, data: { delta: "He" } }));
    unwrap(await engine.publishEvent(task.id, { type: "log", level: "info" }));
    const last = unwrap(await engine.publishEvent(task.id, { ...acc, data: { delta: "y" } }));
    const delta = unwrap(await engine.getHistory(task.id));
    expect(delta.map((e) => e.data)).toEqual([{ status: "running" }, { delta: "He" }, null, { delta: "y" }]);
    const collapsed = unwrap(await engine.getHistory(task.id, { seriesFormat: "accumulated" }));
    expect(collapsed.map((e) => e.index)).toEqual([0, 3, 2]);
    expect(collapsed[1]).toEqual({ ...last, data: { delta: "Hey" }, seriesSnapshot: true });
  });

  test("latest mode leaves one entry per series, in place", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "running");
    const progress = {
      type: "progress",
      level: "info" as const,
      seriesId: "p",
      seriesMode: "latest" as const,
    };
    unwrap(await engine.publishEvent(task.id, { ...progress, data: 10 }));
    unwrap(await engine.publishEvent(task.id, { type: "log", level: "info" }));
    unwrap(await engine.publishEvent(task.id, { ...progress, data: 90 }));
    const history = unwrap(await engine.getHistory(task.id));
    expect(history.map((e) => [e.index, e.data])).toEqual([
      [0, { status: "running" }],
      [3, 90],
      [2, null],
    ]);
  });

  test("falls back to the durable store when the hot store has nothing", async () => {
    const { engine, longTerm } = setup({ durable: true });
    await longTerm?.saveTask({ id: "cold", status: "completed", createdAt: 1, updatedAt: 1 });
    await longTerm?.saveEvent({
      id: "e0",
      taskId: "cold",
      index: 0,
      timestamp: 1,
      type: "x",
      level: "info",
      data: 1,
    });
    expect(unwrap(await engine.getHistory("cold")).map((e) => e.id)).toEqual(["e0"]);
  });
});
