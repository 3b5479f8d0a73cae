import { describe, expect, test } from "bun:test";
import { serviceUrl } from "@rt/testkit";
import { createPostgresClient, PostgresLongTermStore } from "../../src/storage/postgres/index.ts";
import { makeEvent, makeTask } from "./contract/fixtures.ts";
import { runLongTermContract } from "./contract.ts";
import { useMigratedDatabase } from "./postgres-db.ts";

const serverUrl = await serviceUrl("TEST_DATABASE_URL");

const database = useMigratedDatabase(serverUrl, "tc_pg");

/**
 * The original's `taskcast_tasks` has no column for `reason`, `resumeAt` or `blockedRequest`
 * (they live only in the hot store) and the catalog must stay the original's, so the contract
 * runs without expecting them back.
 */
const KEEPS_SUSPENSION_FIELDS = false;
runLongTermContract("postgres", async () => ({ store: new PostgresLongTermStore(database.sql()) }), {
  skip: !serverUrl,
  keepsSuspension: KEEPS_SUSPENSION_FIELDS,
});

describe.skipIf(!serverUrl)("postgres long-term store", () => {
  test("saveTask upserts every persisted field; suspension fields are not persisted", async () => {
    const store = new PostgresLongTermStore(database.sql());
    const task = makeTask({ type: "llm", params: { a: [1, "x"] }, tags: ["t"], ttl: 30, cost: 3 });
    expect(await store.saveTask(task)).toBe(true);
    expect(await store.getTask(task.id)).toEqual(task);
    const paused = { ...task, status: "paused" as const, metadata: { m: 1 }, updatedAt: task.updatedAt + 1 };
    expect(await store.saveTask({ ...paused, reason: "wait" })).toBe(true);
    expect(await store.getTask(task.id)).toEqual(paused);
    expect(await store.getTask("missing-task")).toBeNull();
  });

  test("saveEvent is idempotent; history is ordered by index with cursors and limit", async () => {
    const store = new PostgresLongTermStore(database.sql());
    const task = makeTask();
    await store.saveTask(task);
    const events = [3, 0, 2, 1].map((i) => makeEvent(task.id, i, i === 2 ? { data: null } : {}));
    for (const event of events) await store.saveEvent(event);
    await store.saveEvent({ ...events[0]!, data: "changed" });
    const indexes = async (query: Parameters<PostgresLongTermStore["getEvents"]>[1]) =>
      (await store.getEvents(task.id, query)).map((e) => e.index);
    expect(await indexes({})).toEqual([0, 1, 2, 3]);
    expect((await store.getEvents(task.id))[3]).toEqual(events[0]!);
    expect((await store.getEvents(task.id))[2]?.data).toBeNull();
    expect(await indexes({ since: { id: events[3]!.id } })).toEqual([2, 3]);
    expect(await indexes({ since: { id: "unknown" } })).toEqual([0, 1, 2, 3]);
    expect(await indexes({ since: { index: 0 } })).toEqual([1, 2, 3]);
    expect(await indexes({ since: { timestamp: 1_002 } })).toEqual([3]);
    expect(await indexes({ since: { index: Number.NaN } })).toEqual([]);
    expect(await indexes({ since: { index: 1 }, limit: 1 })).toEqual([2]);
    expect(await store.getEvents("missing-task")).toEqual([]);
  });

  test("a terminal task keeps its status under 20 concurrent terminal saves", async () => {
    const store = new PostgresLongTermStore(database.sql());
    const task = makeTask();
    await store.saveTask(task);
    const statuses = ["completed", "failed", "timeout", "cancelled"] as const;
    const attempts = Array.from({ length: 20 }, (_, i) => ({ ...task, status: statuses[i % 4]! }));
    const results = await Promise.all(attempts.map((attempt) => store.saveTask(attempt)));
    const final = (await store.getTask(task.id))?.status;
    attempts.forEach((attempt, i) => {
      expect(results[i]).toBe(attempt.status === final);
    });
  });

  test("concurrent out-of-order series writes converge on the newest", async () => {
    const store = new PostgresLongTermStore(database.sql());
    const task = makeTask();
    await store.saveTask(task);
    const events = Array.from({ length: 30 }, (_, i) =>
      makeEvent(task.id, i, { seriesId: "s", seriesMode: "latest", data: { n: i } }),
    );
    await Promise.all([...events].reverse().map((event) => store.saveSeriesEvent(event, "latest")));
    const stored = await store.getEvents(task.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.data).toEqual({ n: 29 });
    const [state] = await database.sql()<{ through_index: string }[]>`
      SELECT through_index FROM taskcast_series_state WHERE task_id = ${task.id}`;
    expect(state?.through_index).toBe("29");
  });

  test("history survives a new connection pool", async () => {
    const first = createPostgresClient({ url: database.url(), maxConnections: 1 });
    const task = makeTask({ status: "completed", completedAt: 9, result: { ok: 1 } });
    await new PostgresLongTermStore(first).saveTask(task);
    await new PostgresLongTermStore(first).saveEvent(makeEvent(task.id, 0));
    await first.end();
    const second = createPostgresClient({ url: database.url(), maxConnections: 1 });
    expect(await new PostgresLongTermStore(second).getTask(task.id)).toEqual(task);
    expect(await new PostgresLongTermStore(second).getEvents(task.id)).toHaveLength(1);
    await second.end();
  });
});
