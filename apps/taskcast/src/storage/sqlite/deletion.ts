/**
 * Removing a task or some of its events (cleanup rules). The hot and durable SQLite stores
 * share these tables, so both call the same statements.
 */
import type { Database } from "bun:sqlite";
import { writeTransaction } from "./database.ts";

/** The task row, its events (also removed by the foreign key), series-latest and index counter. */
export function deleteTaskRows(db: Database, taskId: string): void {
  writeTransaction(db, () => {
    db.query("DELETE FROM taskcast_events WHERE task_id = ?").run(taskId);
    db.query("DELETE FROM taskcast_series_latest WHERE task_id = ?").run(taskId);
    db.query("DELETE FROM taskcast_index_counters WHERE task_id = ?").run(taskId);
    db.query("DELETE FROM taskcast_tasks WHERE id = ?").run(taskId);
  });
}

export function deleteEventRows(db: Database, taskId: string, eventIds: readonly string[]): number {
  if (eventIds.length === 0) return 0;
  return writeTransaction(db, () => {
    const statement = db.query("DELETE FROM taskcast_events WHERE task_id = ? AND id = ?");
    let removed = 0;
    for (const id of eventIds) removed += statement.run(taskId, id).changes;
    return removed;
  });
}
