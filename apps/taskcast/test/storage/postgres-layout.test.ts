/**
 * PostgreSQL row compatibility with the original (storage.md §2.2–2.3): rows written the way
 * the original writes them are read by our store, and ours land in the columns it reads.
 */
import { describe, expect, test } from "bun:test";
import { serviceUrl } from "@rt/testkit";
import { PostgresLongTermStore } from "../../src/storage/postgres/index.ts";
import { makeEvent, makeTask } from "./contract/fixtures.ts";
import { useMigratedDatabase } from "./postgres-db.ts";

const serverUrl = await serviceUrl("TEST_DATABASE_URL");
const database = useMigratedDatabase(serverUrl, "tc_layout");

describe.skipIf(!serverUrl)("postgres layout", () => {
  test("rows written as the original writes them are read back", async () => {
    const id = `orig-${Date.now()}`;
    await database.sql().unsafe(
      `INSERT INTO taskcast_tasks (id, type, status, params, result, error, metadata, auth_config, webhooks, cleanup,
        created_at, updated_at, completed_at, ttl, tags, assign_mode, cost, assigned_worker, disconnect_policy, task_version)
       VALUES ($1, 'llm.chat', 'completed', '{"prompt":"hi"}', '{"answer":42}', NULL, '{"b":1,"a":2}', NULL,
        '[{"url":"http://x"}]', NULL, 1000, 3000, 3000, 60, '["gpu","fast"]', 'pull', 2, 'w1', 'mark', 4)`,
      [id],
    );
    await database.sql().unsafe(
      `INSERT INTO taskcast_events (id, task_id, idx, timestamp, type, level, data, series_id, series_mode, series_acc_field)
       VALUES ('${id}-e0', $1, 0, 1000, 'log', 'info', NULL, NULL, NULL, NULL),
              ('${id}-e2', $1, 2, 1002, 'taskcast:status', 'info', '{"status":"completed","result":{"answer":42}}', NULL, NULL, NULL),
              ('${id}-e1', $1, 1, 1001, 'llm.delta', 'debug', '{"delta":"ab"}', 'out', 'accumulate', 'delta')`,
      [id],
    );
    const store = new PostgresLongTermStore(database.sql());
    expect(await store.getTask(id)).toEqual({
      id,
      type: "llm.chat",
      status: "completed",
      params: { prompt: "hi" },
      result: { answer: 42 },
      metadata: { a: 2, b: 1 },
      createdAt: 1000,
      updatedAt: 3000,
      completedAt: 3000,
      ttl: 60,
      webhooks: [{ url: "http://x" }],
      tags: ["gpu", "fast"],
      assignMode: "pull",
      cost: 2,
      assignedWorker: "w1",
      disconnectPolicy: "mark",
    });
    const events = await store.getEvents(id);
    expect(events.map((e) => e.index)).toEqual([0, 1, 2]);
    expect(events[0]?.data).toBeNull();
    expect(events[1]).toEqual({
      id: `${id}-e1`,
      taskId: id,
      index: 1,
      timestamp: 1001,
      type: "llm.delta",
      level: "debug",
      data: { delta: "ab" },
      seriesId: "out",
      seriesMode: "accumulate",
      seriesAccField: "delta",
    });
    expect((await store.getEvents(id, { since: { id: `${id}-e0` } })).map((e) => e.index)).toEqual([1, 2]);
    // Terminal with another status: refused, as the original refuses it.
    expect(await store.saveTask({ ...(await store.getTask(id))!, status: "failed" })).toBe(false);
  });

  test("what we write is stored the way the original reads and writes it", async () => {
    const store = new PostgresLongTermStore(database.sql());
    const task = makeTask({ status: "running", ttl: 30, tags: [], error: { code: "E", message: "m" } });
    await store.saveTask(task);
    const read = async () => {
      const [row] = await database.sql()<Record<string, unknown>[]>`
        SELECT status, tags, error, ttl, storage_state, storage_epoch::int AS epoch, archive_watermark::int AS watermark,
          task_version::int AS version, execution_deadline_at::float8 AS deadline, created_at::float8 AS created_at
        FROM taskcast_tasks WHERE id = ${task.id}`;
      return row ?? {};
    };
    const inserted = await read();
    expect(inserted).toMatchObject({
      status: "running",
      tags: [],
      error: { message: "m", code: "E" },
      ttl: 30,
      storage_state: "hot",
      epoch: 1,
      watermark: -1,
      version: 0,
      created_at: task.createdAt,
    });
    const deadline = Number(inserted.deadline);
    expect(deadline).toBeGreaterThan(Date.now() + 25_000);

    await store.saveTask({ ...task, updatedAt: task.updatedAt + 1 });
    expect(await read()).toMatchObject({ version: 1, deadline });
    await store.saveTask({ ...task, status: "paused", updatedAt: task.updatedAt + 2 });
    expect(await read()).toMatchObject({ version: 2, deadline: null });

    const first = makeEvent(task.id, 0, { seriesId: "p", seriesMode: "latest", data: { pct: 1 } });
    const second = makeEvent(task.id, 1, { seriesId: "p", seriesMode: "latest", data: { pct: 2 } });
    await store.saveSeriesEvent(first, "latest");
    await store.saveSeriesEvent(second, "latest");
    await store.saveEvent(makeEvent(task.id, 2, { data: null }));
    const rows = await database.sql()<{ id: string; idx: number; data: unknown }[]>`
      SELECT id, idx, data FROM taskcast_events WHERE task_id = ${task.id} ORDER BY idx`;
    expect([...rows]).toEqual([
      { id: first.id, idx: 0, data: { pct: 2 } },
      { id: expect.any(String), idx: 2, data: null },
    ]);
    const [state] = await database.sql()<{ mode: string; event: unknown; through_index: string }[]>`
      SELECT mode, event, through_index FROM taskcast_series_state WHERE task_id = ${task.id}`;
    expect(state).toEqual({ mode: "latest", event: second, through_index: "1" });
  });
});
