/** The event half of the ShortTermStore contract: indexes, series rules, cursors. */
import { describe, expect, test } from "bun:test";
import type { ShortTermStore } from "../../../src/storage/ports.ts";
import { draft, makeTask } from "./fixtures.ts";

type Open = () => Promise<ShortTermStore>;

async function storeWithTask(open: Open, status: "running" | "pending" = "running") {
  const store = await open();
  const task = makeTask({ status });
  await store.createTask(task);
  return { store, taskId: task.id };
}

async function appendOk(store: ShortTermStore, taskId: string, overrides: Parameters<typeof draft>[0] = {}) {
  const result = await store.appendEvent(taskId, draft(overrides));
  if (!result.ok) throw new Error(`append failed: ${result.reason}`);
  return result;
}

export function runShortTermEventContract(open: Open): void {
  describe("appendEvent", () => {
    test("allocates 0, 1, 2... and stores the event as given", async () => {
      const { store, taskId } = await storeWithTask(open);
      const d = draft({ type: "llm.delta", level: "debug", data: { text: "a" }, seriesId: "s" });
      const first = await store.appendEvent(taskId, d);
      expect(first).toEqual({
        ok: true,
        event: {
          id: d.id,
          taskId,
          index: 0,
          timestamp: d.timestamp,
          type: "llm.delta",
          level: "debug",
          data: { text: "a" },
          seriesId: "s",
        },
      });
      expect((await appendOk(store, taskId)).event.index).toBe(1);
      expect((await appendOk(store, taskId, { data: null })).event.data).toBeNull();
      expect((await store.getEvents(taskId)).map((e) => e.index)).toEqual([0, 1, 2]);
    });

    test("accepts every non-terminal status, refuses unknown and terminal tasks", async () => {
      const store = await open();
      for (const status of ["pending", "assigned", "paused", "blocked"] as const) {
        const task = makeTask({ status });
        await store.createTask(task);
        expect((await store.appendEvent(task.id, draft())).ok).toBe(true);
      }
      expect(await store.appendEvent("missing-task", draft())).toEqual({ ok: false, reason: "not_found" });
      const done = makeTask({ status: "cancelled" });
      await store.createTask(done);
      expect(await store.appendEvent(done.id, draft())).toEqual({
        ok: false,
        reason: "terminal",
        status: "cancelled",
      });
    });

    test("200 concurrent appends get the unique indexes 0..199", async () => {
      const { store, taskId } = await storeWithTask(open);
      const results = await Promise.all(
        Array.from({ length: 200 }, () => store.appendEvent(taskId, draft())),
      );
      const indexes = results.map((r) => (r.ok ? r.event.index : -1)).sort((a, b) => a - b);
      expect(indexes).toEqual(Array.from({ length: 200 }, (_, i) => i));
      const stored = await store.getEvents(taskId);
      expect(new Set(stored.map((e) => e.index)).size).toBe(200);
    });

    test("latest mode replaces the series entry in place", async () => {
      const { store, taskId } = await storeWithTask(open);
      await appendOk(store, taskId, { type: "a" });
      await appendOk(store, taskId, { seriesId: "p", seriesMode: "latest", data: { pct: 1 } });
      await appendOk(store, taskId, { type: "b" });
      const newest = await appendOk(store, taskId, { seriesId: "p", seriesMode: "latest", data: { pct: 2 } });
      expect(newest.event.index).toBe(3);
      expect(newest.accumulated).toBeUndefined();
      const events = await store.getEvents(taskId);
      expect(events.map((e) => e.index)).toEqual([0, 3, 2]);
      expect(events[1]?.data).toEqual({ pct: 2 });
      expect(await store.getSeriesLatest(taskId)).toEqual([newest.event]);
    });

    test("accumulate mode stores deltas and keeps the running total as series-latest", async () => {
      const { store, taskId } = await storeWithTask(open);
      const acc = { seriesId: "t", seriesMode: "accumulate" as const };
      const a = await appendOk(store, taskId, { ...acc, data: { delta: "Hel", n: 1 } });
      expect(a.accumulated?.data).toEqual({ delta: "Hel", n: 1 });
      const b = await appendOk(store, taskId, { ...acc, data: { delta: "lo", n: 2 } });
      expect(b.event.data).toEqual({ delta: "lo", n: 2 });
      expect(b.accumulated).toEqual({ ...b.event, data: { delta: "Hello", n: 2 } });
      expect((await store.getEvents(taskId)).map((e) => e.data)).toEqual([
        { delta: "Hel", n: 1 },
        { delta: "lo", n: 2 },
      ]);
      expect(await store.getSeriesLatest(taskId)).toEqual([b.accumulated!]);
    });

    test("accumulate honours seriesAccField and replaces non-string values", async () => {
      const { store, taskId } = await storeWithTask(open);
      const acc = { seriesId: "t", seriesMode: "accumulate" as const, seriesAccField: "text" };
      await appendOk(store, taskId, { ...acc, data: { text: "a" } });
      expect((await appendOk(store, taskId, { ...acc, data: { text: "b" } })).accumulated?.data).toEqual({
        text: "ab",
      });
      expect((await appendOk(store, taskId, { ...acc, data: { text: 3 } })).accumulated?.data).toEqual({
        text: 3,
      });
      expect((await appendOk(store, taskId, { ...acc, data: "raw" })).accumulated?.data).toBe("raw");
    });

    test("50 concurrent accumulate appends lose no delta", async () => {
      const { store, taskId } = await storeWithTask(open);
      const acc = { seriesId: "t", seriesMode: "accumulate" as const, data: { delta: "x" } };
      await Promise.all(Array.from({ length: 50 }, () => store.appendEvent(taskId, draft(acc))));
      const [latest] = await store.getSeriesLatest(taskId);
      expect(latest?.data).toEqual({ delta: "x".repeat(50) });
      expect(latest?.index).toBe(49);
    });

    test("series handling needs both seriesId and seriesMode", async () => {
      const { store, taskId } = await storeWithTask(open);
      await appendOk(store, taskId, { seriesId: "p", data: 1 });
      await appendOk(store, taskId, { seriesId: "p", data: 2 });
      expect(await store.getEvents(taskId)).toHaveLength(2);
      expect(await store.getSeriesLatest(taskId)).toEqual([]);
    });
  });

  describe("getEvents cursors", () => {
    async function fiveEvents() {
      const { store, taskId } = await storeWithTask(open);
      const events = [];
      for (let i = 0; i < 5; i++)
        events.push((await appendOk(store, taskId, { timestamp: 1_000 + i * 10 })).event);
      return { store, taskId, events };
    }

    test("since.id is exclusive; an unknown id filters nothing", async () => {
      const { store, taskId, events } = await fiveEvents();
      const after = await store.getEvents(taskId, { since: { id: events[1]!.id } });
      expect(after.map((e) => e.index)).toEqual([2, 3, 4]);
      expect(await store.getEvents(taskId, { since: { id: "nope" } })).toHaveLength(5);
    });

    test("since.index and since.timestamp are exclusive; NaN matches nothing", async () => {
      const { store, taskId } = await fiveEvents();
      expect((await store.getEvents(taskId, { since: { index: 2 } })).map((e) => e.index)).toEqual([3, 4]);
      expect((await store.getEvents(taskId, { since: { timestamp: 1_010 } })).map((e) => e.index)).toEqual([
        2, 3, 4,
      ]);
      expect(await store.getEvents(taskId, { since: { index: Number.NaN } })).toEqual([]);
    });

    test("limit keeps the oldest N after the cursor", async () => {
      const { store, taskId } = await fiveEvents();
      expect((await store.getEvents(taskId, { limit: 2 })).map((e) => e.index)).toEqual([0, 1]);
      expect((await store.getEvents(taskId, { since: { index: 1 }, limit: 2 })).map((e) => e.index)).toEqual([
        2, 3,
      ]);
    });

    test("an unknown task has no events", async () => {
      const store = await open();
      expect(await store.getEvents("missing-task")).toEqual([]);
      expect(await store.getSeriesLatest("missing-task")).toEqual([]);
    });
  });
}
