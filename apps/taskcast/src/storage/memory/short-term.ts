/**
 * In-process hot store. Every method runs to completion without awaiting, so each one is a
 * critical section on the single JavaScript thread: that is what makes index allocation,
 * series updates and compare-and-set transitions atomic here. Values are copied in and out
 * (copy.ts) so callers can never mutate stored state.
 */
import { buildEvent, type EventDraft } from "../../core/events.ts";
import { applyHistoryQuery } from "../../core/history.ts";
import { accumulatedEvent, seriesOf } from "../../core/series.ts";
import { isTerminal } from "../../core/state-machine.ts";
import { filterTasks } from "../../core/task-filter.ts";
import type { HistoryQuery, Task, TaskEvent } from "../../core/types.ts";
import type {
  AppendResult,
  FenceCheck,
  ShortTermStore,
  TaskListFilter,
  TransitionCommit,
  TransitionCommitResult,
  VersionedTask,
} from "../ports.ts";
import { copyValue } from "./copy.ts";
import { type EventLog, MemoryHotState, type TaskRecord } from "./hot-state.ts";

export class MemoryShortTermStore implements ShortTermStore {
  readonly outlivesProcess = false;
  private readonly tasks: Map<string, TaskRecord>;
  private readonly logs: Map<string, EventLog>;

  /** `state` is shared with the lifecycle half (`MemoryHotLifecycle`) when there is one. */
  constructor(readonly state = new MemoryHotState()) {
    this.tasks = state.tasks;
    this.logs = state.logs;
  }

  async createTask(task: Task): Promise<boolean> {
    if (this.tasks.has(task.id)) return false;
    this.tasks.set(task.id, { task: copyValue(task), revision: 1 });
    // As the original's first save: the write fence starts open at epoch 1.
    if (!this.state.fences.has(task.id)) {
      this.state.fences.set(task.id, {
        acceptingWrites: true,
        storageEpoch: 1,
        activeReleaseGeneration: null,
      });
    }
    return true;
  }

  async getTask(taskId: string): Promise<Task | null> {
    const record = this.tasks.get(taskId);
    return record ? copyValue(record.task) : null;
  }

  async loadTask(taskId: string): Promise<VersionedTask | null> {
    const record = this.tasks.get(taskId);
    return record ? { task: copyValue(record.task), revision: String(record.revision) } : null;
  }

  async listTasks(filter?: TaskListFilter): Promise<Task[]> {
    const tasks = [...this.tasks.values()].map((record) => record.task);
    return filterTasks(tasks, filter).map((task) => copyValue(task));
  }

  async commitTransition(commit: TransitionCommit): Promise<TransitionCommitResult> {
    const record = this.tasks.get(commit.taskId);
    if (!record) return { ok: false, reason: "not_found" };
    if (this.state.refuses(commit.taskId, commit.fence)) return { ok: false, reason: "fenced" };
    if (String(record.revision) !== commit.expectedRevision) return { ok: false, reason: "stale" };
    record.task = copyValue(commit.task);
    record.revision += 1;
    const log = this.state.log(commit.taskId);
    const events = commit.events.map((draft) => {
      log.lastIndex += 1;
      const event = buildEvent(commit.taskId, log.lastIndex, draft);
      log.events.push(event);
      return copyValue(event);
    });
    return { ok: true, events };
  }

  async appendEvent(taskId: string, draft: EventDraft, fence?: FenceCheck): Promise<AppendResult> {
    const record = this.tasks.get(taskId);
    if (!record) return { ok: false, reason: "not_found" };
    if (this.state.refuses(taskId, fence)) return { ok: false, reason: "fenced" };
    if (isTerminal(record.task.status)) return { ok: false, reason: "terminal", status: record.task.status };

    const log = this.state.log(taskId);
    log.lastIndex += 1;
    const event = buildEvent(taskId, log.lastIndex, copyValue(draft));
    const series = seriesOf(event);

    if (series?.mode === "latest") {
      const previous = log.seriesLatest.get(series.id);
      const position =
        previous?.seriesMode === "latest" ? log.events.findIndex((e) => e.id === previous.id) : -1;
      if (position >= 0) log.events[position] = event;
      else log.events.push(event);
      log.seriesLatest.set(series.id, event);
      return { ok: true, event: copyValue(event) };
    }

    log.events.push(event);
    if (series?.mode === "accumulate") {
      const accumulated = accumulatedEvent(log.seriesLatest.get(series.id), event);
      log.seriesLatest.set(series.id, accumulated);
      return { ok: true, event: copyValue(event), accumulated: copyValue(accumulated) };
    }
    return { ok: true, event: copyValue(event) };
  }

  async getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]> {
    const log = this.logs.get(taskId);
    if (!log) return [];
    return copyValue(applyHistoryQuery(log.events, query));
  }

  async getSeriesLatest(taskId: string): Promise<TaskEvent[]> {
    const log = this.logs.get(taskId);
    return log ? copyValue([...log.seriesLatest.values()]) : [];
  }

  async saveSeriesLatest(taskId: string, events: readonly TaskEvent[]): Promise<void> {
    const log = this.state.log(taskId);
    for (const event of events) {
      if (event.seriesId !== undefined) log.seriesLatest.set(event.seriesId, copyValue(event));
    }
  }

  async deleteTask(taskId: string): Promise<void> {
    this.tasks.delete(taskId);
    this.logs.delete(taskId);
    this.state.fences.delete(taskId);
  }

  async deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number> {
    const log = this.logs.get(taskId);
    if (!log) return 0;
    const doomed = new Set(eventIds);
    const before = log.events.length;
    log.events = log.events.filter((event) => !doomed.has(event.id));
    return before - log.events.length;
  }
}
