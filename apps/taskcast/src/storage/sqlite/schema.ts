/**
 * The original SQLite layout (storage.md §4). There is no migration table: every start runs
 * the `CREATE ... IF NOT EXISTS` script, adds the lifecycle columns a file from an older
 * release lacks, then the lifecycle tables — all in one transaction, so a file opened by the
 * original server and by ours converges on the same schema whichever opened it first.
 */
import type { Database } from "bun:sqlite";

const INITIAL = `
CREATE TABLE IF NOT EXISTS taskcast_tasks (
  id TEXT PRIMARY KEY,
  type TEXT,
  status TEXT NOT NULL,
  params TEXT,
  result TEXT,
  error TEXT,
  metadata TEXT,
  auth_config TEXT,
  webhooks TEXT,
  cleanup TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER,
  ttl INTEGER,
  tags TEXT,
  assign_mode TEXT,
  cost INTEGER,
  assigned_worker TEXT,
  disconnect_policy TEXT
);
CREATE TABLE IF NOT EXISTS taskcast_events (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  data TEXT,
  series_id TEXT,
  series_mode TEXT,
  series_acc_field TEXT,
  UNIQUE(task_id, idx)
);
CREATE TABLE IF NOT EXISTS taskcast_series_latest (
  task_id TEXT NOT NULL,
  series_id TEXT NOT NULL,
  event_json TEXT NOT NULL,
  PRIMARY KEY (task_id, series_id)
);
CREATE TABLE IF NOT EXISTS taskcast_index_counters (
  task_id TEXT PRIMARY KEY,
  counter INTEGER NOT NULL DEFAULT -1
);
CREATE INDEX IF NOT EXISTS idx_events_task_idx ON taskcast_events(task_id, idx);
CREATE INDEX IF NOT EXISTS idx_events_task_ts ON taskcast_events(task_id, timestamp);
CREATE TABLE IF NOT EXISTS taskcast_workers (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  match_rule TEXT NOT NULL,
  capacity INTEGER NOT NULL,
  used_slots INTEGER NOT NULL,
  weight INTEGER NOT NULL,
  connection_mode TEXT NOT NULL,
  connected_at INTEGER NOT NULL,
  last_heartbeat_at INTEGER NOT NULL,
  metadata TEXT
);
CREATE TABLE IF NOT EXISTS taskcast_worker_assignments (
  task_id TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL,
  cost INTEGER NOT NULL,
  assigned_at INTEGER NOT NULL,
  status TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_worker_assignments_worker_id ON taskcast_worker_assignments(worker_id);
CREATE TABLE IF NOT EXISTS taskcast_worker_events (
  id TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  action TEXT NOT NULL,
  data TEXT
);
CREATE INDEX IF NOT EXISTS idx_worker_events_worker_id ON taskcast_worker_events(worker_id, timestamp);
`;

/**
 * Columns added by `ALTER TABLE` when missing: files written by older original releases lack
 * the worker and `series_acc_field` columns (their script only ever ran CREATE IF NOT EXISTS),
 * and every pre-lifecycle file lacks the lifecycle ones. `rt_suspension` is ours (see
 * rows.ts): the original's layout has nowhere to keep a paused/blocked task's reason and
 * request, and an extra nullable column is invisible to it (it names its columns in every
 * write and maps rows by name).
 */
const ADDED_COLUMNS: ReadonlyArray<readonly [table: string, name: string, definition: string]> = [
  ["taskcast_events", "series_acc_field", "TEXT"],
  ["taskcast_tasks", "tags", "TEXT"],
  ["taskcast_tasks", "assign_mode", "TEXT"],
  ["taskcast_tasks", "cost", "INTEGER"],
  ["taskcast_tasks", "assigned_worker", "TEXT"],
  ["taskcast_tasks", "disconnect_policy", "TEXT"],
  ["taskcast_tasks", "storage_state", "TEXT NOT NULL DEFAULT 'hot'"],
  ["taskcast_tasks", "storage_epoch", "INTEGER NOT NULL DEFAULT 1"],
  ["taskcast_tasks", "active_release_generation", "TEXT"],
  ["taskcast_tasks", "archive_watermark", "INTEGER NOT NULL DEFAULT -1"],
  ["taskcast_tasks", "last_event_at", "INTEGER"],
  ["taskcast_tasks", "cold_at", "INTEGER"],
  ["taskcast_tasks", "execution_deadline_at", "INTEGER"],
  ["taskcast_tasks", "task_version", "INTEGER NOT NULL DEFAULT 0"],
  ["taskcast_tasks", "ttl_claim_token", "TEXT"],
  ["taskcast_tasks", "ttl_claim_until", "INTEGER"],
  ["taskcast_tasks", "rt_suspension", "TEXT"],
];

/**
 * The lifecycle tables. The original creates them but its engine never uses them on SQLite
 * (no hot/cold, no durable TTL), so their columns mirror the PostgreSQL ones; whichever
 * server creates them first wins and neither reads them.
 */
const STORAGE_LIFECYCLE = `
CREATE TABLE IF NOT EXISTS taskcast_storage_locks (
  task_id TEXT PRIMARY KEY,
  lock_token TEXT NOT NULL,
  generation TEXT NOT NULL,
  storage_epoch INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS taskcast_durable_assignments (
  task_id TEXT PRIMARY KEY REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  assignment_id TEXT NOT NULL UNIQUE,
  worker_id TEXT NOT NULL,
  cost INTEGER NOT NULL,
  assigned_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS taskcast_terminal_outbox (
  projection_id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  assignment_id TEXT,
  payload TEXT NOT NULL,
  claim_token TEXT,
  claim_until INTEGER,
  projected_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE(task_id, event_id)
);
CREATE INDEX IF NOT EXISTS idx_tasks_storage_state_last_event ON taskcast_tasks(storage_state, last_event_at);
CREATE INDEX IF NOT EXISTS idx_tasks_execution_deadline ON taskcast_tasks(execution_deadline_at)
  WHERE execution_deadline_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_terminal_outbox_pending ON taskcast_terminal_outbox(claim_until, created_at)
  WHERE projected_at IS NULL;
`;

export function ensureSchema(db: Database): void {
  db.transaction(() => {
    db.run(INITIAL);
    const columns = db.query<{ name: string }, [string]>("SELECT name FROM pragma_table_info(?)");
    for (const [table, name, definition] of ADDED_COLUMNS) {
      const present = columns.all(table).some((column) => column.name === name);
      if (!present) db.run(`ALTER TABLE ${table} ADD COLUMN ${name} ${definition}`);
    }
    db.run(STORAGE_LIFECYCLE);
  }).immediate();
}
