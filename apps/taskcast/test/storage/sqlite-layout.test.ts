/**
 * SQLite layout compatibility with the original (storage.md §4): rows written by hand the way
 * the original's adapter writes them are read by ours, and ours are stored the way it reads.
 */

import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteAdapters } from "../../src/storage/sqlite/index.ts";
import { draft, makeTask } from "./contract/fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "taskcast-sqlite-layout-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The original's 001 tables as a pre-lifecycle release left them (no ALTERed columns yet). */
const ORIGINAL_001 = `
CREATE TABLE taskcast_tasks (id TEXT PRIMARY KEY, type TEXT, status TEXT NOT NULL, params TEXT, result TEXT,
  error TEXT, metadata TEXT, auth_config TEXT, webhooks TEXT, cleanup TEXT, created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL, completed_at INTEGER, ttl INTEGER, tags TEXT, assign_mode TEXT, cost INTEGER,
  assigned_worker TEXT, disconnect_policy TEXT);
CREATE TABLE taskcast_events (id TEXT PRIMARY KEY, task_id TEXT NOT NULL REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, timestamp INTEGER NOT NULL, type TEXT NOT NULL, level TEXT NOT NULL, data TEXT,
  series_id TEXT, series_mode TEXT, series_acc_field TEXT, UNIQUE(task_id, idx));
CREATE TABLE taskcast_series_latest (task_id TEXT NOT NULL, series_id TEXT NOT NULL, event_json TEXT NOT NULL,
  PRIMARY KEY (task_id, series_id));
CREATE TABLE taskcast_index_counters (task_id TEXT PRIMARY KEY, counter INTEGER NOT NULL DEFAULT -1);
`;

test("a file written by the original is upgraded in place and read back", async () => {
  const path = join(dir, "original.db");
  const raw = new Database(path, { create: true });
  raw.run(ORIGINAL_001);
  raw
    .query(
      `INSERT INTO taskcast_tasks (id, type, status, params, result, error, metadata, auth_config, webhooks, cleanup,
       created_at, updated_at, completed_at, ttl, tags, assign_mode, cost, assigned_worker, disconnect_policy)
       VALUES ('t1', 'llm.chat', 'running', '{"prompt":"hi"}', NULL, NULL, '{"k":[1,2]}', NULL, NULL, NULL,
       1000, 2000, NULL, 60, '["gpu"]', 'pull', 2, 'w1', 'fail')`,
    )
    .run();
  // The original keeps a latest-mode series in its first row (first id and idx) and the
  // newest event, with its own id and index, in taskcast_series_latest.
  const events = [
    `('e0', 't1', 0, 1000, 'log', 'info', '{"a":1}', NULL, NULL, NULL)`,
    `('e1', 't1', 1, 1001, 'progress', 'info', '{"pct":50}', 'p', 'latest', NULL)`,
    `('e3', 't1', 3, 1003, 'log', 'warn', NULL, NULL, NULL, NULL)`,
  ];
  raw.run(`INSERT INTO taskcast_events VALUES ${events.join(", ")}`);
  raw.run(`INSERT INTO taskcast_index_counters VALUES ('t1', 3)`);
  raw.run(
    `INSERT INTO taskcast_series_latest VALUES ('t1', 'p', '{"id":"e2","taskId":"t1","index":2,"timestamp":1002,"type":"progress","level":"info","data":{"pct":50},"seriesId":"p","seriesMode":"latest"}')`,
  );
  raw.close();

  const adapters = createSqliteAdapters({ path });
  expect(await adapters.shortTerm.getTask("t1")).toEqual({
    id: "t1",
    type: "llm.chat",
    status: "running",
    params: { prompt: "hi" },
    metadata: { k: [1, 2] },
    createdAt: 1000,
    updatedAt: 2000,
    ttl: 60,
    tags: ["gpu"],
    assignMode: "pull",
    cost: 2,
    assignedWorker: "w1",
    disconnectPolicy: "fail",
  });
  const history = await adapters.shortTerm.getEvents("t1");
  expect(history.map((e) => [e.id, e.index, e.data])).toEqual([
    ["e0", 0, { a: 1 }],
    ["e1", 1, { pct: 50 }],
    ["e3", 3, null],
  ]);
  expect(history[1]).toEqual({
    id: "e1",
    taskId: "t1",
    index: 1,
    timestamp: 1001,
    type: "progress",
    level: "info",
    data: { pct: 50 },
    seriesId: "p",
    seriesMode: "latest",
  });

  const next = await adapters.shortTerm.appendEvent(
    "t1",
    draft({ seriesId: "p", seriesMode: "latest", data: { pct: 90 } }),
  );
  expect(next.ok && next.event.index).toBe(4);
  const after = await adapters.shortTerm.getEvents("t1");
  // Replaced in the original's row (found by series, since e2 is not in the table): no duplicate.
  expect(after.map((e) => [e.index, e.data])).toEqual([
    [0, { a: 1 }],
    [4, { pct: 90 }],
    [3, null],
  ]);
  const columns = adapters.database
    .query<{ name: string }, []>("SELECT name FROM pragma_table_info('taskcast_tasks')")
    .all()
    .map((c) => c.name);
  expect(columns).toContain("storage_state");
  expect(columns).toContain("task_version");
  adapters.close();
});

test("what we write is what the original reads", async () => {
  const path = join(dir, "ours.db");
  const adapters = createSqliteAdapters({ path });
  const task = makeTask({
    type: "x",
    params: { p: 1 },
    tags: ["a"],
    result: [1, 2],
    error: { message: "m" },
  });
  await adapters.shortTerm.createTask(task);
  const plain = await adapters.shortTerm.appendEvent(task.id, draft({ data: { n: 1 } }));
  const acc = await adapters.shortTerm.appendEvent(
    task.id,
    draft({ seriesId: "s", seriesMode: "accumulate", seriesAccField: "text", data: { text: "a" } }),
  );
  adapters.close();
  if (!plain.ok || !acc.ok) throw new Error("append failed");

  const raw = new Database(path, { readonly: true });
  const row = raw.query("SELECT * FROM taskcast_tasks WHERE id = ?").get(task.id) as Record<string, unknown>;
  expect(row).toMatchObject({
    id: task.id,
    type: "x",
    status: "running",
    params: '{"p":1}',
    result: "[1,2]",
    error: '{"message":"m"}',
    metadata: null,
    tags: '["a"]',
    created_at: task.createdAt,
    updated_at: task.updatedAt,
    completed_at: null,
    storage_state: "hot",
    rt_suspension: null,
  });
  expect(raw.query("SELECT counter FROM taskcast_index_counters WHERE task_id = ?").get(task.id)).toEqual({
    counter: 1,
  });
  const events = raw.query("SELECT * FROM taskcast_events WHERE task_id = ? ORDER BY idx").all(task.id);
  expect(events).toEqual([
    {
      id: plain.event.id,
      task_id: task.id,
      idx: 0,
      timestamp: plain.event.timestamp,
      type: "log",
      level: "info",
      data: '{"n":1}',
      series_id: null,
      series_mode: null,
      series_acc_field: null,
    },
    {
      id: acc.event.id,
      task_id: task.id,
      idx: 1,
      timestamp: acc.event.timestamp,
      type: "log",
      level: "info",
      data: '{"text":"a"}',
      series_id: "s",
      series_mode: "accumulate",
      series_acc_field: "text",
    },
  ]);
  expect(raw.query("SELECT event_json FROM taskcast_series_latest WHERE task_id = ?").get(task.id)).toEqual({
    event_json: JSON.stringify(acc.accumulated),
  });
  raw.close();
});
