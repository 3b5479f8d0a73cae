/**
 * Durable latest/accumulate series (storage.md §2.3): one `taskcast_events` row per series —
 * the earliest keeps its id and idx and takes the newest content — plus the exact newest
 * event in `taskcast_series_state`. Everything happens under the task row's lock, so
 * concurrent or replayed writes of one task apply in index order or not at all.
 */
import type { Sql, TransactionSql } from "postgres";
import type { JsonValue, TaskEvent } from "../../core/types.ts";
import { insertEventIfAbsent } from "./events.ts";
import { jsonb } from "./rows.ts";

export class StorageIntegrityError extends Error {
  override readonly name = "StorageIntegrityError";
}

export async function saveSeriesEvent(
  sql: Sql,
  event: TaskEvent,
  mode: "latest" | "accumulate",
): Promise<void> {
  const seriesId = event.seriesId ?? "";
  const { seriesSnapshot: _, ...rest } = event;
  const stored: TaskEvent = { ...rest, seriesId, seriesMode: mode };
  await sql.begin(async (tx) => {
    const [task] = await tx<{ archive_watermark: string }[]>`
      SELECT archive_watermark FROM taskcast_tasks WHERE id = ${event.taskId} FOR UPDATE`;
    if (!task) throw new StorageIntegrityError(`Durable task not found for series event: ${event.taskId}`);
    // Already archived, or already applied: an idempotent replay.
    if (Number(task.archive_watermark) >= event.index) return;
    const [state] = await tx<{ mode: string; through_index: string }[]>`
      SELECT mode, through_index FROM taskcast_series_state WHERE task_id = ${event.taskId} AND series_id = ${seriesId}`;
    if (state && Number(state.through_index) >= event.index) return;
    if (state && state.mode !== mode) {
      throw new StorageIntegrityError(
        `Series ${seriesId} of task ${event.taskId} is ${state.mode}, not ${mode}`,
      );
    }
    await keepOneRow(tx, stored, mode);
    await tx`
      INSERT INTO taskcast_series_state (task_id, series_id, mode, event, through_index, updated_at)
      VALUES (${event.taskId}, ${seriesId}, ${mode}, ${jsonb(stored as unknown as JsonValue)}::jsonb, ${event.index}, ${Date.now()})
      ON CONFLICT (task_id, series_id) DO UPDATE SET
        mode = EXCLUDED.mode, event = EXCLUDED.event, through_index = EXCLUDED.through_index,
        updated_at = EXCLUDED.updated_at
      WHERE taskcast_series_state.through_index < EXCLUDED.through_index`;
  });
}

async function keepOneRow(
  tx: TransactionSql,
  event: TaskEvent,
  mode: "latest" | "accumulate",
): Promise<void> {
  const rows = await tx<{ id: string }[]>`
    SELECT id FROM taskcast_events
    WHERE task_id = ${event.taskId} AND series_id = ${event.seriesId ?? ""} AND series_mode = ${mode}
    ORDER BY idx`;
  const [first, ...later] = rows;
  if (!first) {
    await insertEventIfAbsent(tx, event);
    return;
  }
  await tx`
    UPDATE taskcast_events SET timestamp = ${event.timestamp}, type = ${event.type}, level = ${event.level},
      data = ${jsonb(event.data)}::jsonb, series_id = ${event.seriesId ?? null}, series_mode = ${mode},
      series_acc_field = ${event.seriesAccField ?? null}
    WHERE id = ${first.id}`;
  if (later.length > 0) {
    await tx`DELETE FROM taskcast_events WHERE id IN ${tx(later.map((row) => row.id))}`;
  }
}
