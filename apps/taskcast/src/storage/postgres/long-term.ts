/** The PostgreSQL durable store on the original's tables (storage.md §2). */
import type { Sql } from "postgres";
import type { HistoryQuery, Task, TaskEvent } from "../../core/types.ts";
import type { LongTermStore } from "../ports.ts";
import { deleteEventRows, deleteTaskRow } from "./deletion.ts";
import { insertEventIfAbsent, selectEvents } from "./events.ts";
import { saveSeriesEvent } from "./series.ts";
import { selectTask, upsertTask } from "./tasks.ts";

export class PostgresLongTermStore implements LongTermStore {
  constructor(private readonly sql: Sql) {}

  saveTask(task: Task): Promise<boolean> {
    return upsertTask(this.sql, task);
  }

  getTask(taskId: string): Promise<Task | null> {
    return selectTask(this.sql, taskId);
  }

  async saveEvent(event: TaskEvent): Promise<void> {
    const { seriesSnapshot: _, ...stored } = event;
    await insertEventIfAbsent(this.sql, stored);
  }

  saveSeriesEvent(event: TaskEvent, mode: "latest" | "accumulate"): Promise<void> {
    return saveSeriesEvent(this.sql, event, mode);
  }

  getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]> {
    return selectEvents(this.sql, taskId, query);
  }

  deleteTask(taskId: string): Promise<void> {
    return deleteTaskRow(this.sql, taskId);
  }

  deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number> {
    return deleteEventRows(this.sql, taskId, eventIds);
  }
}
