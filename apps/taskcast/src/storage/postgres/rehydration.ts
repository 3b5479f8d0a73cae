/**
 * What a cold task is rehydrated from (storage.md §6.2): the task, its newest durable events
 * with series rows replaced by their series state (the canonical view, core.md §4.3), the
 * series state itself, and the highest index PostgreSQL knows, so indexes continue after it.
 */
import type { Sql } from "postgres";
import { buildEvent } from "../../core/events.ts";
import type { TaskEvent } from "../../core/types.ts";
import type { RehydrationSource } from "../lifecycle-ports.ts";
import { type EventRow, rowToEvent } from "./rows.ts";
import { selectTask } from "./tasks.ts";

function stateEvent(taskId: string, stored: TaskEvent): TaskEvent {
  // JSONB reorders keys; the hot store writes events in the stored key order.
  return buildEvent(taskId, Number(stored.index), stored);
}

export async function rehydrationSource(
  sql: Sql,
  taskId: string,
  replayEvents: number,
): Promise<RehydrationSource | null> {
  const task = await selectTask(sql, taskId);
  if (!task) return null;
  const [bounds] = await sql<{ watermark: string; max_idx: number | null; max_through: string | null }[]>`
    SELECT archive_watermark AS watermark,
      (SELECT MAX(idx) FROM taskcast_events WHERE task_id = ${taskId}) AS max_idx,
      (SELECT MAX(through_index) FROM taskcast_series_state WHERE task_id = ${taskId}) AS max_through
    FROM taskcast_tasks WHERE id = ${taskId}`;
  const rows = await sql<EventRow[]>`
    SELECT id, task_id, idx, timestamp, type, level, data, series_id, series_mode, series_acc_field
    FROM taskcast_events WHERE task_id = ${taskId} ORDER BY idx DESC LIMIT ${replayEvents}`;
  const states = await sql<{ series_id: string; event: TaskEvent }[]>`
    SELECT series_id, event FROM taskcast_series_state WHERE task_id = ${taskId}`;
  const series = new Map(states.map((row) => [row.series_id, stateEvent(taskId, row.event)]));
  const events = rows
    .map(rowToEvent)
    .map((event) => {
      const state = event.seriesId === undefined ? undefined : series.get(event.seriesId);
      const compacted = event.seriesMode === "latest" || event.seriesMode === "accumulate";
      return compacted && state ? state : event;
    })
    .sort((a, b) => a.index - b.index);
  const lastIndex = Math.max(
    Number(bounds?.watermark ?? -1),
    bounds?.max_idx ?? -1,
    Number(bounds?.max_through ?? -1),
  );
  return { task, events, series: [...series.values()], lastIndex };
}
