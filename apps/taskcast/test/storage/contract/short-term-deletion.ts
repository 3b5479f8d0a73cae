/** Contract for the hot store's cleanup operations: dropping a task, dropping some events. */
import { describe, expect, test } from "bun:test";
import type { ShortTermStore } from "../../../src/storage/ports.ts";
import { draft, makeTask } from "./fixtures.ts";

export function runShortTermDeletionContract(open: () => Promise<ShortTermStore>): void {
  describe("deletion", () => {
    test("deleteTask forgets the task, its events and series; the id starts over at index 0", async () => {
      const store = await open();
      const task = makeTask();
      await store.createTask(task);
      await store.appendEvent(task.id, draft());
      await store.appendEvent(task.id, draft({ seriesId: "s", seriesMode: "latest" }));
      await store.appendEvent(
        task.id,
        draft({ seriesId: "a", seriesMode: "accumulate", data: { delta: "x" } }),
      );
      await store.deleteTask(task.id);
      expect(await store.getTask(task.id)).toBeNull();
      expect(await store.getEvents(task.id)).toEqual([]);
      expect(await store.getSeriesLatest(task.id)).toEqual([]);
      expect((await store.listTasks()).map((t) => t.id)).not.toContain(task.id);
      expect(await store.createTask(task)).toBe(true);
      const again = await store.appendEvent(task.id, draft());
      expect(again.ok && again.event.index).toBe(0);
      await store.deleteTask("missing-task");
    });

    test("deleteEvents removes only the named events and answers how many there were", async () => {
      const store = await open();
      const task = makeTask();
      await store.createTask(task);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const appended = await store.appendEvent(task.id, draft({ data: { n: i } }));
        if (appended.ok) ids.push(appended.event.id);
      }
      expect(await store.deleteEvents(task.id, [ids[1]!, ids[3]!, "unknown"])).toBe(2);
      expect((await store.getEvents(task.id)).map((e) => e.index)).toEqual([0, 2]);
      expect(await store.deleteEvents(task.id, [])).toBe(0);
      expect(await store.deleteEvents("missing-task", [ids[0]!])).toBe(0);
      const next = await store.appendEvent(task.id, draft());
      expect(next.ok && next.event.index).toBe(4);
    });
  });
}
