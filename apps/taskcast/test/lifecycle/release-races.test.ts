/**
 * The lifecycle under concurrency and over time (storage.md §6.1–6.3): releases racing
 * publishes never lose or duplicate an acknowledged event, two instances on one Redis and
 * PostgreSQL agree on a task's storage, and automatic retention releases finished tasks.
 */
import { describe, expect, test } from "bun:test";
import type { TaskEvent } from "../../src/core/types.ts";
import { call, createTask, sleep, transition } from "../server/helpers.ts";
import { history, hotColdModes, release, storageRow } from "./hot-cold.ts";

async function tryPublish(base: string, taskId: string, n: number): Promise<TaskEvent | undefined> {
  const answer = await call(base, "POST", `/tasks/${taskId}/events`, {
    body: { type: "n", level: "info", data: n },
  });
  return answer.status === 201 ? (answer.body as TaskEvent) : undefined;
}

for (const mode of hotColdModes("tc_races")) {
  describe.skipIf(mode.skip)(`lifecycle races: ${mode.name}`, () => {
    const sql = () => mode.database.sql();

    test("releases racing publishes: every acknowledged event is kept once, indexes stay unique", async () => {
      const server = await mode.start();
      const task = await createTask(server.base);
      await transition(server.base, task.id, "running");
      const acked: TaskEvent[] = [];
      let releases = 0;
      for (let round = 0; round < 5; round++) {
        const last = (await history(server.base, task.id)).reduce((max, e) => Math.max(max, e.index), -1);
        const publishes = Array.from({ length: 8 }, (_, i) =>
          tryPublish(server.base, task.id, round * 100 + i),
        );
        const released = release(server.base, task.id, last);
        for (const event of await Promise.all(publishes)) if (event) acked.push(event);
        const answer = await released;
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 200) releases += 1;
      }
      expect(acked).toHaveLength(40);
      const stored = await history(server.base, task.id);
      const indexes = stored.map((event) => event.index);
      expect(new Set(indexes).size).toBe(indexes.length);
      const ids = new Set(stored.map((event) => event.id));
      for (const event of acked) expect(ids.has(event.id)).toBe(true);
      // Whichever way the races went, a quiet release now archives everything acknowledged.
      const final = await release(server.base, task.id, Math.max(...indexes));
      expect(final.status).toBe(200);
      const cold = new Set((await history(server.base, task.id)).map((event) => event.id));
      for (const event of acked) expect(cold.has(event.id)).toBe(true);
      expect(releases + 1).toBeGreaterThanOrEqual(1);
      await server.stop();
    });

    test("automatic retention releases terminal tasks after hotRetentionTerminalSeconds", async () => {
      const server = await mode.start({
        TASKCAST_HOT_RETENTION_ENABLED: "true",
        TASKCAST_HOT_RETENTION_TERMINAL_SECONDS: "1",
        TASKCAST_TTL_SWEEP_INTERVAL_SECONDS: "1",
      });
      const task = await createTask(server.base);
      await transition(server.base, task.id, "running");
      await call(server.base, "POST", `/tasks/${task.id}/events`, {
        body: { type: "x", level: "info", data: 1 },
      });
      await transition(server.base, task.id, "completed");
      const open = await createTask(server.base);
      let state = await storageRow(sql, task.id);
      for (let i = 0; i < 40 && state?.state !== "cold"; i++) {
        await sleep(150);
        state = await storageRow(sql, task.id);
      }
      expect(state).toMatchObject({ state: "cold", watermark: 2 });
      expect((await storageRow(sql, open.id))?.state).toBe("hot");
      expect((await history(server.base, task.id)).map((event) => event.index)).toEqual([0, 1, 2]);
      await server.stop();
    });
  });
}

const [, redisMode] = hotColdModes("tc_two");
describe.skipIf(!redisMode || redisMode.skip)("lifecycle across two instances (redis + postgres)", () => {
  test("released on A, written on B and A at once: one rehydration, unique indexes, both see them", async () => {
    if (!redisMode) return;
    const a = await redisMode.start();
    const b = await redisMode.start();
    const writers = (await call(a.base, "GET", "/health/detail")).body as {
      storage: { activeWriterCount: number };
    };
    expect(writers.storage.activeWriterCount).toBeGreaterThanOrEqual(2);
    const task = await createTask(a.base);
    await transition(a.base, task.id, "running");
    expect((await release(a.base, task.id, 0)).status).toBe(200);

    const written = await Promise.all(
      Array.from({ length: 10 }, (_, i) => tryPublish(i % 2 === 0 ? a.base : b.base, task.id, i)),
    );
    expect(written.every((event) => event !== undefined)).toBe(true);
    const indexes = written.map((event) => event?.index ?? -1).sort((x, y) => x - y);
    expect(indexes).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await storageRow(() => redisMode.database.sql(), task.id))?.epoch).toBe(2);
    expect((await history(b.base, task.id)).map((event) => event.index)).toEqual([0, ...indexes]);
    expect((await history(a.base, task.id)).map((event) => event.index)).toEqual([0, ...indexes]);
    await a.stop();
    await b.stop();
  });
});
