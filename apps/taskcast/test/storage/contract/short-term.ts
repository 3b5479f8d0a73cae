/**
 * Contract every ShortTermStore adapter must pass. Adapters call
 * `runShortTermContract("redis", factory)` from their own test file.
 */
import { describe, expect, test } from "bun:test";
import { STATUS_EVENT } from "../../../src/core/events.ts";
import type { ShortTermStore } from "../../../src/storage/ports.ts";
import { type ContractOptions, draft, type FixtureFactory, makeTask, useFixture } from "./fixtures.ts";
import { runShortTermDeletionContract } from "./short-term-deletion.ts";
import { runShortTermEventContract } from "./short-term-events.ts";
import { runSeriesRestoreContract } from "./short-term-series-restore.ts";

export function runShortTermContract(
  name: string,
  factory: FixtureFactory<ShortTermStore>,
  options: ContractOptions = {},
): void {
  describe.skipIf(options.skip === true)(`ShortTermStore contract: ${name}`, () => {
    const open = useFixture(factory);

    describe("tasks", () => {
      test("createTask inserts once and refuses a taken id", async () => {
        const store = await open();
        const task = makeTask({ status: "pending", type: "llm.chat", params: { prompt: "hi" } });
        expect(await store.createTask(task)).toBe(true);
        expect(await store.createTask({ ...task, type: "other" })).toBe(false);
        expect(await store.getTask(task.id)).toEqual(task);
      });

      test("getTask answers null for an unknown id", async () => {
        const store = await open();
        expect(await store.getTask("missing-task")).toBeNull();
        expect(await store.loadTask("missing-task")).toBeNull();
      });

      test("returned tasks are copies", async () => {
        const store = await open();
        const task = makeTask({ metadata: { a: 1 } });
        await store.createTask(task);
        const read = await store.getTask(task.id);
        if (read?.metadata) read.metadata.a = 2;
        expect((await store.getTask(task.id))?.metadata).toEqual({ a: 1 });
      });

      test("concurrent creates of one id: exactly one wins", async () => {
        const store = await open();
        const task = makeTask();
        const results = await Promise.all(Array.from({ length: 20 }, () => store.createTask(task)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      test("listTasks filters by status, type, tags, assign mode, exclusions and limit", async () => {
        const store = await open();
        const tag = `t${Date.now()}`;
        const a = makeTask({ status: "pending", type: "a", tags: [tag, "x"], assignMode: "pull" });
        const b = makeTask({ status: "running", type: "b", tags: [tag, "y"] });
        const c = makeTask({ status: "completed", type: "a", tags: [tag] });
        for (const task of [a, b, c]) await store.createTask(task);
        const ids = async (filter: Parameters<ShortTermStore["listTasks"]>[0]) =>
          (await store.listTasks({ ...filter, tags: { all: [tag], ...filter?.tags } }))
            .map((t) => t.id)
            .sort();

        expect(await ids({})).toEqual([a.id, b.id, c.id].sort());
        expect(await ids({ statuses: ["pending", "completed"] })).toEqual([a.id, c.id].sort());
        expect(await ids({ statuses: ["bogus"] })).toEqual([]);
        expect(await ids({ types: ["a"] })).toEqual([a.id, c.id].sort());
        expect(await ids({ tags: { any: ["x", "y"] } })).toEqual([a.id, b.id].sort());
        expect(await ids({ tags: { none: ["x"] } })).toEqual([b.id, c.id].sort());
        expect(await ids({ assignModes: ["pull"] })).toEqual([a.id]);
        expect(await ids({ excludeTaskIds: [a.id] })).toEqual([b.id, c.id].sort());
        expect(await ids({ limit: 2 })).toHaveLength(2);
      });
    });

    describe("commitTransition", () => {
      test("writes the task and appends derived events with fresh indexes", async () => {
        const store = await open();
        const task = makeTask();
        await store.createTask(task);
        await store.appendEvent(task.id, draft());
        const loaded = await store.loadTask(task.id);
        if (!loaded) throw new Error("task not loaded");
        const next = { ...task, status: "completed" as const, completedAt: 5, updatedAt: 5 };
        const status = draft({ type: STATUS_EVENT, data: { status: "completed" } });
        const result = await store.commitTransition({
          taskId: task.id,
          expectedRevision: loaded.revision,
          task: next,
          events: [status, draft({ type: "second" })],
        });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.events.map((e) => [e.index, e.type, e.id])).toEqual([
          [1, STATUS_EVENT, status.id],
          [2, "second", expect.any(String)],
        ]);
        expect(await store.getTask(task.id)).toEqual(next);
        expect((await store.getEvents(task.id)).map((e) => e.index)).toEqual([0, 1, 2]);
        const reloaded = await store.loadTask(task.id);
        expect(reloaded?.revision).not.toBe(loaded.revision);
      });

      test("a stale revision writes nothing", async () => {
        const store = await open();
        const task = makeTask();
        await store.createTask(task);
        const loaded = await store.loadTask(task.id);
        if (!loaded) throw new Error("task not loaded");
        const first = { taskId: task.id, expectedRevision: loaded.revision, events: [draft()] };
        expect((await store.commitTransition({ ...first, task: { ...task, status: "paused" } })).ok).toBe(
          true,
        );
        const second = await store.commitTransition({ ...first, task: { ...task, status: "failed" } });
        expect(second).toEqual({ ok: false, reason: "stale" });
        expect((await store.getTask(task.id))?.status).toBe("paused");
        expect(await store.getEvents(task.id)).toHaveLength(1);
      });

      test("an unknown task answers not_found", async () => {
        const store = await open();
        const task = makeTask();
        const result = await store.commitTransition({
          taskId: task.id,
          expectedRevision: "1",
          task,
          events: [],
        });
        expect(result).toEqual({ ok: false, reason: "not_found" });
      });

      test("20 concurrent commits from one revision: exactly one succeeds", async () => {
        const store = await open();
        const task = makeTask();
        await store.createTask(task);
        const loaded = await store.loadTask(task.id);
        if (!loaded) throw new Error("task not loaded");
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.commitTransition({
              taskId: task.id,
              expectedRevision: loaded.revision,
              task: { ...task, status: "completed", result: { winner: i } },
              events: [draft({ type: STATUS_EVENT })],
            }),
          ),
        );
        expect(results.filter((r) => r.ok)).toHaveLength(1);
        expect(results.filter((r) => !r.ok && r.reason === "stale")).toHaveLength(19);
        expect(await store.getEvents(task.id)).toHaveLength(1);
      });
    });

    runShortTermEventContract(open);
    runShortTermDeletionContract(open);
    runSeriesRestoreContract(open);
  });
}
