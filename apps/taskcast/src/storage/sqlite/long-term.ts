/**
 * The SQLite durable store. It shares its tables with the SQLite hot store (storage.md §4), so
 * in `sqlite` mode most durable writes find their row already there and change nothing; on its
 * own (or against a file the original wrote) it keeps the durable rules of the port.
 */
import type { Database } from "bun:sqlite";
import type { HistoryQuery, Task, TaskEvent } from "../../core/types.ts";
import type { LongTermStore } from "../ports.ts";
import { writeTransaction } from "./database.ts";
import { deleteEventRows, deleteTaskRows } from "./deletion.ts";
import { insertEventIfAbsent, readEvents, readSeriesLatest, writeSeriesLatest } from "./events.ts";
import { dataText } from "./rows.ts";
import { getTask, upsertTaskUnlessTerminal } from "./tasks.ts";

export class SqliteLongTermStore implements LongTermStore {
  constructor(private readonly db: Database) {}

  async saveTask(task: Task): Promise<boolean> {
    return writeTransaction(this.db, () => upsertTaskUnlessTerminal(this.db, task));
  }

  async getTask(taskId: string): Promise<Task | null> {
    return getTask(this.db, taskId);
  }

  async saveEvent(event: TaskEvent): Promise<void> {
    writeTransaction(this.db, () => insertEventIfAbsent(this.db, withoutSnapshot(event)));
  }

  /**
   * The series-latest row tells how far the series has been applied: the hot store writes it
   * first in `sqlite` mode, so the durable copy of a hot write is a no-op and the event rows
   * stay as the hot store left them (the original compacted them here and doubled the last
   * accumulate delta, core.md §5).
   */
  async saveSeriesEvent(event: TaskEvent, mode: "latest" | "accumulate"): Promise<void> {
    const seriesId = event.seriesId ?? "";
    const stored: TaskEvent = { ...withoutSnapshot(event), seriesId, seriesMode: mode };
    writeTransaction(this.db, () => {
      const applied = readSeriesLatest(this.db, event.taskId, seriesId);
      if (applied && applied.index >= event.index) return;
      const first = this.db
        .query<{ rowid: number; id: string }, [string, string, string]>(
          `SELECT rowid, id FROM taskcast_events WHERE task_id = ? AND series_id = ? AND series_mode = ?
           ORDER BY idx LIMIT 1`,
        )
        .get(event.taskId, seriesId, mode);
      if (first) {
        // Keep the first row's id and idx; take everything else from the newest event.
        this.db
          .query(
            `UPDATE taskcast_events SET timestamp = ?, type = ?, level = ?, data = ?, series_id = ?,
             series_mode = ?, series_acc_field = ? WHERE rowid = ?`,
          )
          .run(
            stored.timestamp,
            stored.type,
            stored.level,
            dataText(stored.data),
            seriesId,
            mode,
            stored.seriesAccField ?? null,
            first.rowid,
          );
        this.db
          .query(
            "DELETE FROM taskcast_events WHERE task_id = ? AND series_id = ? AND series_mode = ? AND rowid <> ?",
          )
          .run(event.taskId, seriesId, mode, first.rowid);
      } else {
        insertEventIfAbsent(this.db, stored);
      }
      writeSeriesLatest(this.db, stored);
    });
  }

  async getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]> {
    return readEvents(this.db, taskId, "idx", query);
  }

  async deleteTask(taskId: string): Promise<void> {
    deleteTaskRows(this.db, taskId);
  }

  async deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number> {
    return deleteEventRows(this.db, taskId, eventIds);
  }
}

function withoutSnapshot(event: TaskEvent): TaskEvent {
  const { seriesSnapshot: _, ...stored } = event;
  return stored;
}
