/** Removing a task or some of its events (cleanup rules) from the original's tables. */
import type { Sql } from "postgres";

/** Every task-owned table references `taskcast_tasks` with ON DELETE CASCADE, so one row goes. */
export async function deleteTaskRow(sql: Sql, taskId: string): Promise<void> {
  await sql`DELETE FROM taskcast_tasks WHERE id = ${taskId}`;
}

/**
 * Removes the events and the series state of any series whose row went, so a canonical
 * history read (which substitutes series rows with their state) cannot bring them back.
 */
export async function deleteEventRows(
  sql: Sql,
  taskId: string,
  eventIds: readonly string[],
): Promise<number> {
  if (eventIds.length === 0) return 0;
  return sql.begin(async (tx) => {
    const removed = await tx<{ series_id: string | null }[]>`
      DELETE FROM taskcast_events WHERE task_id = ${taskId} AND id = ANY(${[...eventIds]}::text[])
      RETURNING series_id`;
    const seriesIds = removed.flatMap((row) => (row.series_id === null ? [] : [row.series_id]));
    if (seriesIds.length > 0) {
      await tx`DELETE FROM taskcast_series_state WHERE task_id = ${taskId} AND series_id = ANY(${seriesIds}::text[])`;
    }
    return removed.length;
  });
}
