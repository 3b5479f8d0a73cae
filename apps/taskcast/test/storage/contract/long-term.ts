/** Contract every LongTermStore adapter must pass (PostgreSQL, SQLite, memory). */
import { describe, expect, test } from "bun:test";
import type { LongTermStore } from "../../../src/storage/ports.ts";
import {
  type FixtureFactory,
  type LongTermContractOptions,
  makeEvent,
  makeTask,
  useFixture,
} from "./fixtures.ts";

export function runLongTermContract(
  name: string,
  factory: FixtureFactory<LongTermStore>,
  options: LongTermContractOptions = {},
): void {
  describe.skipIf(options.skip === true)(`LongTermStore contract: ${name}`, () => {
    const open = useFixture(factory);

    test("saveTask upserts and getTask reads it back", async () => {
      const store = await open();
      const task = makeTask({ type: "llm", params: { a: [1, "x"] }, tags: ["t"], ttl: 30 });
      expect(await store.saveTask(task)).toBe(true);
      expect(await store.getTask(task.id)).toEqual(task);
      const updated = {
        ...task,
        status: "paused" as const,
        metadata: { m: 1 },
        updatedAt: task.updatedAt + 1,
      };
      expect(await store.saveTask({ ...updated, reason: "wait" })).toBe(true);
      const expected = options.keepsSuspension === false ? updated : { ...updated, reason: "wait" };
      expect(await store.getTask(task.id)).toEqual(expected);
      expect(await store.getTask("missing-task")).toBeNull();
    });

    test("a terminal task is never overwritten with another status", async () => {
      const store = await open();
      const task = makeTask({ status: "completed", completedAt: 5, result: { ok: true } });
      await store.saveTask(task);
      expect(await store.saveTask({ ...task, status: "failed" })).toBe(false);
      expect(await store.saveTask({ ...task, metadata: { note: "same status" } })).toBe(true);
      expect((await store.getTask(task.id))?.status).toBe("completed");
    });

    test("saveEvent is idempotent by id; events come back ordered by index", async () => {
      const store = await open();
      const task = makeTask();
      await store.saveTask(task);
      const events = [2, 0, 1].map((i) => makeEvent(task.id, i));
      for (const event of events) await store.saveEvent(event);
      await store.saveEvent({ ...events[0]!, data: "changed" });
      const stored = await store.getEvents(task.id);
      expect(stored.map((e) => e.index)).toEqual([0, 1, 2]);
      expect(stored[2]).toEqual(events[0]!);
    });

    test("null data round-trips as null", async () => {
      const store = await open();
      const task = makeTask();
      await store.saveTask(task);
      await store.saveEvent(makeEvent(task.id, 0, { data: null }));
      expect((await store.getEvents(task.id))[0]?.data).toBeNull();
    });

    test("cursors and limit", async () => {
      const store = await open();
      const task = makeTask();
      await store.saveTask(task);
      const events = [0, 1, 2, 3].map((i) => makeEvent(task.id, i));
      for (const event of events) await store.saveEvent(event);
      const indexes = async (query: Parameters<LongTermStore["getEvents"]>[1]) =>
        (await store.getEvents(task.id, query)).map((e) => e.index);
      expect(await indexes({ since: { id: events[1]!.id } })).toEqual([2, 3]);
      expect(await indexes({ since: { index: 0 } })).toEqual([1, 2, 3]);
      expect(await indexes({ since: { timestamp: 1_002 } })).toEqual([3]);
      expect(await indexes({ limit: 3 })).toEqual([0, 1, 2]);
      expect(await store.getEvents("missing-task")).toEqual([]);
    });

    test("deleteTask removes the task with its events; deleteEvents only the named ones", async () => {
      const store = await open();
      const kept = makeTask({ status: "completed", completedAt: 5 });
      const dropped = makeTask({ status: "failed", completedAt: 5 });
      for (const task of [kept, dropped]) {
        await store.saveTask(task);
        for (const i of [0, 1, 2]) await store.saveEvent(makeEvent(task.id, i));
      }
      await store.saveSeriesEvent(makeEvent(kept.id, 3, { seriesId: "s", seriesMode: "latest" }), "latest");
      await store.deleteTask(dropped.id);
      expect(await store.getTask(dropped.id)).toBeNull();
      expect(await store.getEvents(dropped.id)).toEqual([]);
      const ids = (await store.getEvents(kept.id)).map((e) => e.id);
      expect(await store.deleteEvents(kept.id, [ids[0]!, ids[3]!, "unknown"])).toBe(2);
      expect((await store.getEvents(kept.id)).map((e) => e.index)).toEqual([1, 2]);
      expect(await store.deleteEvents(kept.id, [])).toBe(0);
      expect((await store.getTask(kept.id))?.status).toBe("completed");
      await store.deleteTask("missing-task");
    });

    for (const mode of ["latest", "accumulate"] as const) {
      test(`${mode} series keep one row: first id/index, newest content`, async () => {
        const store = await open();
        const task = makeTask();
        await store.saveTask(task);
        const series = { seriesId: "s", seriesMode: mode };
        const first = makeEvent(task.id, 1, { ...series, data: { delta: "a" } });
        const second = makeEvent(task.id, 3, { ...series, data: { delta: "ab" }, level: "warn" });
        await store.saveEvent(makeEvent(task.id, 0));
        await store.saveSeriesEvent(first, mode);
        await store.saveSeriesEvent(second, mode);
        await store.saveSeriesEvent({ ...first, data: { delta: "stale" } }, mode);
        const stored = await store.getEvents(task.id);
        expect(stored).toHaveLength(2);
        expect(stored[1]).toEqual({ ...second, id: first.id, index: 1 });
      });
    }
  });
}
