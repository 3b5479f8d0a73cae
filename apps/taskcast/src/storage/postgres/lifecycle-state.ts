/**
 * The lifecycle columns of `taskcast_tasks` (storage.md §2.2–2.3): storage state and epoch,
 * release generation, watermark, persisted release requests. Every change is a conditional
 * UPDATE, so a server (ours or an original) acting on a stale view changes nothing.
 */
import type { Sql } from "postgres";
import type {
  DurableLifecycleState,
  ReleaseRequest,
  StateChange,
  StateGuard,
  StorageState,
} from "../lifecycle-ports.ts";

const TERMINAL = "('completed', 'failed', 'timeout', 'cancelled')";
const DB_NOW_MS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";

interface StateRow {
  storage_state: StorageState;
  storage_epoch: string;
  active_release_generation: string | null;
  archive_watermark: string;
  last_event_at: string | null;
  release_requested_at: string | null;
  release_expected_index: string | null;
  release_inactive_since: string | null;
}

const num = (value: string | null) => (value === null ? null : Number(value));

export async function readState(sql: Sql, taskId: string): Promise<DurableLifecycleState | null> {
  const [row] = await sql<StateRow[]>`
    SELECT storage_state, storage_epoch, active_release_generation, archive_watermark, last_event_at,
      release_requested_at, release_expected_index, release_inactive_since
    FROM taskcast_tasks WHERE id = ${taskId}`;
  if (!row) return null;
  const requestedAt = num(row.release_requested_at);
  return {
    state: row.storage_state,
    storageEpoch: Number(row.storage_epoch),
    activeReleaseGeneration: row.active_release_generation,
    archiveWatermark: Number(row.archive_watermark),
    lastEventAt: num(row.last_event_at),
    release:
      requestedAt === null
        ? null
        : {
            requestedAt,
            expectedLastEventIndex: Number(row.release_expected_index),
            inactiveSince: Number(row.release_inactive_since),
          },
  };
}

export async function requestRelease(sql: Sql, taskId: string, request: ReleaseRequest): Promise<boolean> {
  const rows = await sql`
    UPDATE taskcast_tasks SET release_requested_at = ${request.requestedAt},
      release_expected_index = ${request.expectedLastEventIndex}, release_inactive_since = ${request.inactiveSince}
    WHERE id = ${taskId} RETURNING id`;
  return rows.length > 0;
}

export async function clearRelease(sql: Sql, taskId: string, request: ReleaseRequest): Promise<void> {
  await sql`
    UPDATE taskcast_tasks SET release_requested_at = NULL, release_expected_index = NULL, release_inactive_since = NULL
    WHERE id = ${taskId} AND release_requested_at = ${request.requestedAt}
      AND release_expected_index = ${request.expectedLastEventIndex}
      AND release_inactive_since = ${request.inactiveSince}`;
}

export async function compareAndSetState(
  sql: Sql,
  taskId: string,
  guard: StateGuard,
  next: StateChange,
): Promise<boolean> {
  const rows = await sql`
    UPDATE taskcast_tasks SET storage_state = ${next.state}, storage_epoch = ${next.storageEpoch},
      active_release_generation = ${next.activeReleaseGeneration},
      archive_watermark = COALESCE(${next.archiveWatermark ?? null}::bigint, archive_watermark),
      cold_at = ${next.state === "cold" ? (next.coldAt ?? null) : null}
    WHERE id = ${taskId} AND storage_state = ${guard.state} AND storage_epoch = ${guard.storageEpoch}
      AND active_release_generation IS NOT DISTINCT FROM ${guard.activeReleaseGeneration}::text
    RETURNING id`;
  return rows.length > 0;
}

export async function pendingReleases(
  sql: Sql,
  limit: number,
): Promise<Array<{ taskId: string; request: ReleaseRequest }>> {
  const rows = await sql<{ id: string; requested: string; expected: string; inactive: string }[]>`
    SELECT id, release_requested_at AS requested, release_expected_index AS expected,
      release_inactive_since AS inactive
    FROM taskcast_tasks WHERE release_requested_at IS NOT NULL ORDER BY release_requested_at LIMIT ${limit}`;
  return rows.map((row) => ({
    taskId: row.id,
    request: {
      requestedAt: Number(row.requested),
      expectedLastEventIndex: Number(row.expected),
      inactiveSince: Number(row.inactive),
    },
  }));
}

export async function releasableTerminalTasks(
  sql: Sql,
  updatedBefore: number,
  limit: number,
): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM taskcast_tasks
    WHERE storage_state = 'hot' AND status IN ${sql.unsafe(TERMINAL)} AND updated_at <= ${updatedBefore}
    ORDER BY updated_at LIMIT ${limit}`;
  return rows.map((row) => row.id);
}

/** Deadlines are on the database clock, as `upsertTask` sets them. */
export async function coldTasksPastDeadline(sql: Sql, limit: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    SELECT id FROM taskcast_tasks
    WHERE storage_state = 'cold' AND execution_deadline_at <= ${sql.unsafe(DB_NOW_MS)}
      AND status NOT IN ${sql.unsafe(TERMINAL)}
    ORDER BY execution_deadline_at LIMIT ${limit}`;
  return rows.map((row) => row.id);
}
