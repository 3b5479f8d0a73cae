/** `saveSeriesLatest`: restored series (archive import) go on behaving as series. */
import { describe, expect, test } from "bun:test";
import type { ShortTermStore } from "../../../src/storage/ports.ts";
import { draft, makeTask } from "./fixtures.ts";

export function runSeriesRestoreContract(open: () => Promise<ShortTermStore>): void {
  describe("saveSeriesLatest", () => {
    test("a restored latest entry is replaced in place; a restored total keeps accumulating", async () => {
      const store = await open();
      const task = makeTask();
      await store.createTask(task);
      const loaded = await store.loadTask(task.id);
      if (!loaded) throw new Error("task missing");
      const committed = await store.commitTransition({
        taskId: task.id,
        expectedRevision: loaded.revision,
        task: loaded.task,
        events: [
          draft({ data: { step: 1 }, seriesId: "p", seriesMode: "latest" }),
          draft({ data: { delta: "ab" }, seriesId: "t", seriesMode: "accumulate" }),
        ],
      });
      if (!committed.ok) throw new Error(committed.reason);
      await store.saveSeriesLatest(task.id, committed.events);
      expect((await store.getSeriesLatest(task.id)).map((e) => e.id).sort()).toEqual(
        committed.events.map((e) => e.id).sort(),
      );

      const latest = await store.appendEvent(
        task.id,
        draft({ data: { step: 2 }, seriesId: "p", seriesMode: "latest" }),
      );
      const acc = await store.appendEvent(
        task.id,
        draft({ data: { delta: "c" }, seriesId: "t", seriesMode: "accumulate" }),
      );
      if (!latest.ok || !acc.ok) throw new Error("append refused");
      expect(acc.accumulated?.data).toEqual({ delta: "abc" });
      const events = await store.getEvents(task.id);
      expect(events.map((e) => e.data)).toEqual([{ step: 2 }, { delta: "ab" }, { delta: "c" }]);
    });
  });
}
