/**
 * The SQLite hot store. bun:sqlite is synchronous, so inside one process each method is
 * already a critical section; `BEGIN IMMEDIATE` extends that to every process sharing the file.
 */
import type { Database } from "bun:sqlite";
import { buildEvent, type EventDraft } from "../../core/events.ts";
import { accumulatedEvent, seriesOf } from "../../core/series.ts";
import { isTerminal } from "../../core/state-machine.ts";
import type { HistoryQuery, Task, TaskEvent } from "../../core/types.ts";
import type {
  AppendResult,
  ShortTermStore,
  TaskListFilter,
  TransitionCommit,
  TransitionCommitResult,
  VersionedTask,
} from "../ports.ts";
import { writeTransaction } from "./database.ts";
import { deleteEventRows, deleteTaskRows } from "./deletion.ts";
import {
  allocateIndex,
  allSeriesLatest,
  insertEvent,
  readEvents,
  readSeriesLatest,
  replaceLatestRow,
  writeSeriesLatest,
} from "./events.ts";
import { rowToTask } from "./rows.ts";
import { getTask, insertTaskIfAbsent, listTasks, revisionOf, selectTaskRow, upsertTask } from "./tasks.ts";

export class SqliteShortTermStore implements ShortTermStore {
  readonly outlivesProcess = true;
  constructor(private readonly db: Database) {}

  async createTask(task: Task): Promise<boolean> {
    return writeTransaction(this.db, () => insertTaskIfAbsent(this.db, task));
  }

  async getTask(taskId: string): Promise<Task | null> {
    return getTask(this.db, taskId);
  }

  async loadTask(taskId: string): Promise<VersionedTask | null> {
    const row = selectTaskRow(this.db, taskId);
    return row ? { task: rowToTask(row), revision: revisionOf(row) } : null;
  }

  async listTasks(filter?: TaskListFilter): Promise<Task[]> {
    return listTasks(this.db, filter);
  }

  async commitTransition(commit: TransitionCommit): Promise<TransitionCommitResult> {
    return writeTransaction(this.db, (): TransitionCommitResult => {
      const row = selectTaskRow(this.db, commit.taskId);
      if (!row) return { ok: false, reason: "not_found" };
      if (revisionOf(row) !== commit.expectedRevision) return { ok: false, reason: "stale" };
      upsertTask(this.db, commit.task);
      const events = commit.events.map((draft) => {
        const event = buildEvent(commit.taskId, allocateIndex(this.db, commit.taskId), draft);
        insertEvent(this.db, event);
        return event;
      });
      return { ok: true, events };
    });
  }

  async appendEvent(taskId: string, draft: EventDraft): Promise<AppendResult> {
    return writeTransaction(this.db, (): AppendResult => {
      const row = selectTaskRow(this.db, taskId);
      if (!row) return { ok: false, reason: "not_found" };
      const status = rowToTask(row).status;
      if (isTerminal(status)) return { ok: false, reason: "terminal", status };

      const event = buildEvent(taskId, allocateIndex(this.db, taskId), draft);
      const series = seriesOf(event);
      if (series?.mode === "latest") {
        const previous = readSeriesLatest(this.db, taskId, series.id);
        const replaced = previous?.seriesMode === "latest" && replaceLatestRow(this.db, previous.id, event);
        if (!replaced) insertEvent(this.db, event);
        writeSeriesLatest(this.db, event);
        return { ok: true, event };
      }
      insertEvent(this.db, event);
      if (series?.mode === "accumulate") {
        const accumulated = accumulatedEvent(readSeriesLatest(this.db, taskId, series.id), event);
        writeSeriesLatest(this.db, accumulated);
        return { ok: true, event, accumulated };
      }
      return { ok: true, event };
    });
  }

  async getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]> {
    return readEvents(this.db, taskId, "rowid", query);
  }

  async getSeriesLatest(taskId: string): Promise<TaskEvent[]> {
    return allSeriesLatest(this.db, taskId);
  }

  async saveSeriesLatest(_taskId: string, events: readonly TaskEvent[]): Promise<void> {
    writeTransaction(this.db, () => {
      for (const event of events) if (event.seriesId !== undefined) writeSeriesLatest(this.db, event);
    });
  }

  async deleteTask(taskId: string): Promise<void> {
    deleteTaskRows(this.db, taskId);
  }

  async deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number> {
    return deleteEventRows(this.db, taskId, eventIds);
  }
}
