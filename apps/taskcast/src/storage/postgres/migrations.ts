/**
 * The original's five PostgreSQL migrations (storage.md §2.1–2.2), as DDL written for the
 * schema they produce. The `checksum` is the SHA-384 of the original's migration file, not of
 * this text: both original runtimes compare `_sqlx_migrations.checksum` with their embedded
 * files at start-up and refuse a database whose rows differ, so recording their checksums is
 * what lets an original server start on a database we migrated (and us on one it migrated).
 * The resulting catalog is checked against the original's in test/storage/postgres.test.ts.
 */

export interface Migration {
  version: number;
  /** The original's file name; `description` derives from it as sqlx does. */
  file: string;
  /** Hex SHA-384 of the original file's bytes. */
  checksum: string;
  sql: string;
}

const TERMINAL = "('completed', 'failed', 'timeout', 'cancelled')";

const INITIAL = `
CREATE TABLE IF NOT EXISTS taskcast_tasks (
  id TEXT PRIMARY KEY,
  type TEXT,
  status TEXT NOT NULL,
  params JSONB,
  result JSONB,
  error JSONB,
  metadata JSONB,
  auth_config JSONB,
  webhooks JSONB,
  cleanup JSONB,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  completed_at BIGINT,
  ttl INTEGER
);
CREATE TABLE IF NOT EXISTS taskcast_events (
  id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  timestamp BIGINT NOT NULL,
  type TEXT NOT NULL,
  level TEXT NOT NULL,
  data JSONB,
  series_id TEXT,
  series_mode TEXT,
  series_acc_field TEXT,
  UNIQUE (task_id, idx)
);
CREATE INDEX IF NOT EXISTS taskcast_events_task_id_idx ON taskcast_events (task_id, idx);
CREATE INDEX IF NOT EXISTS taskcast_events_task_id_timestamp ON taskcast_events (task_id, timestamp);
`;

const WORKERS = `
ALTER TABLE taskcast_tasks
  ADD COLUMN IF NOT EXISTS tags JSONB,
  ADD COLUMN IF NOT EXISTS assign_mode TEXT,
  ADD COLUMN IF NOT EXISTS cost INTEGER,
  ADD COLUMN IF NOT EXISTS assigned_worker TEXT,
  ADD COLUMN IF NOT EXISTS disconnect_policy TEXT;
CREATE TABLE IF NOT EXISTS taskcast_worker_events (
  id TEXT PRIMARY KEY,
  worker_id TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  action TEXT NOT NULL,
  data JSONB,
  created_at TIMESTAMPTZ DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idx_taskcast_worker_events_worker_id ON taskcast_worker_events (worker_id, timestamp DESC);
`;

const STORAGE_LIFECYCLE = `
ALTER TABLE taskcast_tasks
  ADD COLUMN IF NOT EXISTS storage_state TEXT NOT NULL DEFAULT 'hot' CHECK (storage_state IN ('hot', 'releasing', 'cold')),
  ADD COLUMN IF NOT EXISTS storage_epoch BIGINT NOT NULL DEFAULT 1,
  ADD COLUMN IF NOT EXISTS active_release_generation TEXT,
  ADD COLUMN IF NOT EXISTS archive_watermark BIGINT NOT NULL DEFAULT -1,
  ADD COLUMN IF NOT EXISTS last_event_at BIGINT,
  ADD COLUMN IF NOT EXISTS cold_at BIGINT,
  ADD COLUMN IF NOT EXISTS execution_deadline_at BIGINT,
  ADD COLUMN IF NOT EXISTS task_version BIGINT NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS ttl_claim_token TEXT,
  ADD COLUMN IF NOT EXISTS ttl_claim_until BIGINT,
  ADD COLUMN IF NOT EXISTS release_requested_at BIGINT,
  ADD COLUMN IF NOT EXISTS release_expected_index BIGINT,
  ADD COLUMN IF NOT EXISTS release_inactive_since BIGINT;
CREATE INDEX IF NOT EXISTS idx_taskcast_tasks_storage_activity ON taskcast_tasks (storage_state, last_event_at);
CREATE INDEX IF NOT EXISTS idx_taskcast_tasks_due_execution_deadline ON taskcast_tasks (execution_deadline_at)
  WHERE execution_deadline_at IS NOT NULL AND status NOT IN ${TERMINAL};
CREATE INDEX IF NOT EXISTS idx_taskcast_tasks_release_requested ON taskcast_tasks (release_requested_at)
  WHERE release_requested_at IS NOT NULL;
CREATE TABLE IF NOT EXISTS taskcast_archive_generations (
  task_id TEXT NOT NULL REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  generation TEXT NOT NULL,
  storage_epoch BIGINT NOT NULL,
  target_watermark BIGINT NOT NULL,
  manifest JSONB NOT NULL,
  status TEXT NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'finalized', 'abandoned')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  finalized_at BIGINT,
  PRIMARY KEY (task_id, generation)
);
CREATE INDEX IF NOT EXISTS idx_taskcast_archive_generations_incomplete ON taskcast_archive_generations (updated_at)
  WHERE status = 'uploading';
CREATE TABLE IF NOT EXISTS taskcast_archive_batches (
  task_id TEXT NOT NULL,
  generation TEXT NOT NULL,
  ordinal INTEGER NOT NULL CHECK (ordinal >= 0),
  previous_digest TEXT NOT NULL,
  current_digest TEXT NOT NULL,
  source_first_index BIGINT,
  source_last_index BIGINT,
  source_index_digest TEXT NOT NULL,
  source_series_digest TEXT NOT NULL,
  entry_count INTEGER NOT NULL CHECK (entry_count >= 0),
  created_at BIGINT NOT NULL,
  PRIMARY KEY (task_id, generation, ordinal),
  FOREIGN KEY (task_id, generation) REFERENCES taskcast_archive_generations (task_id, generation) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS taskcast_series_state (
  task_id TEXT NOT NULL REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  series_id TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('latest', 'accumulate')),
  event JSONB NOT NULL,
  through_index BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (task_id, series_id)
);
CREATE TABLE IF NOT EXISTS taskcast_durable_assignments (
  task_id TEXT PRIMARY KEY REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  assignment_id TEXT NOT NULL UNIQUE,
  worker_id TEXT NOT NULL,
  cost INTEGER NOT NULL,
  assigned_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('offered', 'assigned', 'running')),
  updated_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_taskcast_durable_assignments_worker ON taskcast_durable_assignments (worker_id, status);
CREATE TABLE IF NOT EXISTS taskcast_terminal_outbox (
  projection_id TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES taskcast_tasks(id) ON DELETE CASCADE,
  event_id TEXT NOT NULL,
  assignment_id TEXT,
  payload JSONB NOT NULL,
  claim_token TEXT,
  claim_until BIGINT,
  projected_at BIGINT,
  created_at BIGINT NOT NULL,
  UNIQUE (task_id, event_id)
);
CREATE INDEX IF NOT EXISTS idx_taskcast_terminal_outbox_pending ON taskcast_terminal_outbox (claim_until, created_at)
  WHERE projected_at IS NULL;
`;

const ARCHIVE_RECEIPT_COVERAGE = `
ALTER TABLE taskcast_archive_batches
  ALTER COLUMN previous_digest DROP NOT NULL,
  ADD COLUMN IF NOT EXISTS series_coverage JSONB NOT NULL DEFAULT '[]'::jsonb;
`;

const TASK_CREATION_CLAIM = `
ALTER TABLE taskcast_tasks
  ADD COLUMN IF NOT EXISTS creation_token TEXT,
  ADD COLUMN IF NOT EXISTS creation_claimed_at BIGINT,
  ADD COLUMN IF NOT EXISTS creation_claim_expires_at BIGINT,
  ADD COLUMN IF NOT EXISTS creation_completed_at BIGINT;
CREATE INDEX IF NOT EXISTS idx_taskcast_tasks_creation_token ON taskcast_tasks (creation_token)
  WHERE creation_token IS NOT NULL;
CREATE INDEX IF NOT EXISTS idx_taskcast_tasks_creation_claim_expiry ON taskcast_tasks (creation_claim_expires_at)
  WHERE creation_token IS NOT NULL AND creation_completed_at IS NULL;
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    file: "001_initial.sql",
    checksum:
      "0680f388dd8839f579252c07504828f2b84e30d4327dc2e1c17aee00d436c08ceda61954130f055301feb9030063edf9",
    sql: INITIAL,
  },
  {
    version: 2,
    file: "002_workers.sql",
    checksum:
      "95a13e80cc0b205111fdc22ca2e8a8358dd095da005955fe9f17073d994963aa37e10e8bc9ed558f28358ce285b5fe0e",
    sql: WORKERS,
  },
  {
    version: 3,
    file: "003_storage_lifecycle.sql",
    checksum:
      "b7a77990d899c80bafe10e204efec2a45f7c88e4844dbe27ef4eda35bf643a7a803f6f8eef8a502a9dc64a55db84ef7b",
    sql: STORAGE_LIFECYCLE,
  },
  {
    version: 4,
    file: "004_archive_receipt_coverage.sql",
    checksum:
      "14e7e83cb7cde805d6efa13af8c1f95580ce1d2e2e2129b30e9372abfb8d0b8420a9238f71edf3e6d0b311a1e169eda2",
    sql: ARCHIVE_RECEIPT_COVERAGE,
  },
  {
    version: 5,
    file: "005_task_creation_claim.sql",
    checksum:
      "4c57c92578f8ea42f1826e57b44282788fc9c54cee54bc7bd2536253d48bb6bf9a7088997e7e219a1bd2126bcfcc83a6",
    sql: TASK_CREATION_CLAIM,
  },
];

/** `003_storage_lifecycle.sql` → `storage lifecycle`, as sqlx derives descriptions. */
export function descriptionOf(migration: Migration): string {
  return migration.file
    .replace(/^\d+_/, "")
    .replace(/\.sql$/, "")
    .replaceAll("_", " ");
}
