/** `taskcast_events`: idempotent inserts and history reads ordered by index. */
import type { Sql, TransactionSql } from "postgres";
import type { HistoryQuery, TaskEvent } from "../../core/types.ts";
import { type EventRow, jsonb, rowToEvent } from "./rows.ts";

/** Durable writes are retried and reordered; the first write of an id wins. */
export async function insertEventIfAbsent(sql: Sql | TransactionSql, event: TaskEvent): Promise<void> {
  await sql`
    INSERT INTO taskcast_events (id, task_id, idx, timestamp, type, level, data, series_id, series_mode, series_acc_field)
    VALUES (${event.id}, ${event.taskId}, ${event.index}, ${event.timestamp}, ${event.type}, ${event.level},
      ${jsonb(event.data)}::jsonb, ${event.seriesId ?? null}, ${event.seriesMode ?? null}, ${event.seriesAccField ?? null})
    ON CONFLICT (id) DO NOTHING`;
}

/**
 * Cursors follow `applyHistoryQuery` (id, then index, then timestamp; exclusive). An id is
 * resolved to its index, and an unknown id filters nothing, as the original does.
 */
export async function selectEvents(sql: Sql, taskId: string, query: HistoryQuery = {}): Promise<TaskEvent[]> {
  const since = query.since;
  const bound = since?.index !== undefined ? since.index : since?.timestamp;
  // NaN compares false with everything, as in `applyHistoryQuery`.
  if (since?.id === undefined && bound !== undefined && Number.isNaN(bound)) return [];
  const cursor =
    since?.id !== undefined
      ? sql`AND idx > COALESCE((SELECT idx FROM taskcast_events WHERE task_id = ${taskId} AND id = ${since.id}), -1)`
      : since?.index !== undefined
        ? sql`AND idx > ${since.index}::float8`
        : since?.timestamp !== undefined
          ? sql`AND timestamp > ${since.timestamp}::float8`
          : sql``;
  const limit =
    query.limit !== undefined && Number.isFinite(query.limit) && query.limit > 0
      ? sql`LIMIT ${Math.floor(query.limit)}`
      : sql``;
  const rows = await sql<EventRow[]>`
    SELECT id, task_id, idx, timestamp, type, level, data, series_id, series_mode, series_acc_field
    FROM taskcast_events WHERE task_id = ${taskId} ${cursor} ORDER BY idx ${limit}`;
  return rows.map(rowToEvent);
}
