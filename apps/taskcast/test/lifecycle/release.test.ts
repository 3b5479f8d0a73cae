/**
 * Storage release and rehydration over HTTP (storage.md §6, api.md storage release) with
 * PostgreSQL behind memory and behind Redis: a released task is served from PostgreSQL,
 * a write brings it back hot with its indexes and series continuing.
 */
import { describe, expect, test } from "bun:test";
import type { JsonValue, TaskEvent } from "../../src/core/types.ts";
import { call, createTask, eventData, openStream, publish, sleep, transition } from "../server/helpers.ts";
import { history, hotColdModes, release, storageRow } from "./hot-cold.ts";

const acc = { type: "llm.delta", level: "info", seriesId: "text", seriesMode: "accumulate" } as const;
const latest = { type: "progress", level: "info", seriesId: "p", seriesMode: "latest" } as const;

for (const mode of hotColdModes("tc_release")) {
  describe.skipIf(mode.skip)(`storage release: ${mode.name}`, () => {
    const sql = () => mode.database.sql();

    test("release makes the task cold; reads come from PostgreSQL; a repeat answers released: false", async () => {
      const server = await mode.start();
      const task = await createTask(server.base, { type: "release" });
      await transition(server.base, task.id, "running");
      const published = await publish(server.base, task.id, [
        { type: "log", level: "info", data: { n: 1 } },
        { ...acc, data: { delta: "Hel" } },
        { ...latest, data: { pct: 10 } },
        { ...acc, data: { delta: "lo" } },
        { ...latest, data: { pct: 50 } },
      ]);
      const last = published.at(-1)?.index ?? -1;
      await server.running.server.engine.settle();

      const released = await release(server.base, task.id, last);
      expect(released.status).toBe(200);
      expect(released.body).toEqual({
        taskId: task.id,
        storageState: "cold",
        archiveWatermark: last,
        released: true,
      });
      expect(await storageRow(sql, task.id)).toMatchObject({ state: "cold", epoch: 1, watermark: last });

      const read = await call(server.base, "GET", `/tasks/${task.id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id: task.id, status: "running", hot: false, subscriberCount: 0 });
      const listed = (await call(server.base, "GET", "/tasks")).body as { tasks: Array<{ id: string }> };
      expect(listed.tasks.map((t) => t.id)).not.toContain(task.id);

      // Cold history is PostgreSQL's: one row per series carrying the newest content.
      const cold = await history(server.base, task.id);
      const expected: JsonValue[] = [{ status: "running" }, { n: 1 }, { delta: "Hello" }, { pct: 50 }];
      expect(cold.map((event) => event.data)).toEqual(expected);
      const stream = await openStream(server.base, `/tasks/${task.id}/events?wrap=false`);
      const replayed = eventData<TaskEvent>(await stream.frames(4));
      expect(replayed.map((event) => event.data)).toEqual(expected);
      await stream.cancel();

      const again = await release(server.base, task.id, last);
      expect(again.body).toEqual({
        taskId: task.id,
        storageState: "cold",
        archiveWatermark: last,
        released: false,
      });
      await server.stop();
    });

    test("a publish to a cold task rehydrates it: indexes, latest and accumulate series continue", async () => {
      const server = await mode.start();
      const task = await createTask(server.base);
      await transition(server.base, task.id, "running");
      const first = await publish(server.base, task.id, [
        { ...acc, data: { delta: "a" } },
        { ...latest, data: 1 },
      ]);
      await server.running.server.engine.settle();
      expect((await release(server.base, task.id, first.at(-1)?.index ?? -1)).status).toBe(200);

      // The stream's head arrives with its first event, so it is awaited after publishing.
      const opening = openStream(server.base, `/tasks/${task.id}/events?wrap=false&since.index=99`);
      await sleep(200);
      const [next] = await publish(server.base, task.id, { ...acc, data: { delta: "b" } });
      expect(next?.index).toBe(3);
      const stream = await opening;
      expect(await storageRow(sql, task.id)).toMatchObject({ state: "hot", epoch: 2 });
      await publish(server.base, task.id, { ...latest, data: 2 });
      expect(eventData<TaskEvent>(await stream.frames(2)).map((event) => event.data)).toEqual([
        { delta: "b" },
        2,
      ]);
      await stream.cancel();

      const collapsed = await history(server.base, task.id, "?seriesFormat=accumulated");
      expect(collapsed.filter((event) => event.seriesId === "text").map((event) => event.data)).toEqual([
        { delta: "ab" },
      ]);
      expect(collapsed.filter((event) => event.seriesId === "p").map((event) => event.data)).toEqual([2]);

      const done = await transition(server.base, task.id, "completed", { result: { ok: true } });
      expect(done.status).toBe(200);
      await server.stop();
    });

    test("a transition rehydrates too; a stale expected index is a 409 precondition and writes go on", async () => {
      const server = await mode.start();
      const task = await createTask(server.base);
      expect((await release(server.base, task.id, -1)).status).toBe(200);
      const running = await transition(server.base, task.id, "running");
      expect(running.status).toBe(200);
      expect(await storageRow(sql, task.id)).toMatchObject({ state: "hot", epoch: 2 });
      const statusEvents = await history(server.base, task.id);
      expect(statusEvents.map((event) => [event.index, event.type])).toEqual([[0, "taskcast:status"]]);

      const stale = await release(server.base, task.id, 5);
      expect(stale.status).toBe(409);
      expect(stale.body).toEqual({
        error: "Task event index changed before storage release",
        code: "storage_precondition_failed",
      });
      const [after] = await publish(server.base, task.id, {
        type: "log",
        level: "info",
        data: "still writable",
      });
      expect(after?.index).toBe(1);
      await server.stop();
    });

    test("/health/detail reports release readiness from the writer registry", async () => {
      const server = await mode.start();
      const detail = (await call(server.base, "GET", "/health/detail")).body as {
        storage: Record<string, unknown>;
      };
      expect(detail.storage).toMatchObject({
        releaseReady: true,
        requiredStorageProtocolVersion: 2,
        incompatibleWriterIds: [],
      });
      expect(Number(detail.storage.activeWriterCount)).toBeGreaterThanOrEqual(1);
      await server.stop();
    });
  });
}
