/**
 * In-process durable store, for tests and for running the engine with write-behind but no
 * database. Mirrors the SQL adapters' rules: idempotent event inserts, one row per series.
 */
import { applyHistoryQuery } from "../../core/history.ts";
import { isTerminal } from "../../core/state-machine.ts";
import type { HistoryQuery, Task, TaskEvent } from "../../core/types.ts";
import type { LongTermStore } from "../ports.ts";

interface SeriesRow {
  /** The row's identity: the first event written for the series. */
  id: string;
  index: number;
  /** Highest index applied, so older writes arriving late are ignored. */
  throughIndex: number;
}

export class MemoryLongTermStore implements LongTermStore {
  private readonly tasks = new Map<string, Task>();
  /** taskId → eventId → event */
  private readonly events = new Map<string, Map<string, TaskEvent>>();
  /** `<taskId>\u0000<seriesId>` → row */
  private readonly series = new Map<string, SeriesRow>();

  async saveTask(task: Task): Promise<boolean> {
    const stored = this.tasks.get(task.id);
    if (stored && isTerminal(stored.status) && stored.status !== task.status) return false;
    this.tasks.set(task.id, structuredClone(task));
    return true;
  }

  async getTask(taskId: string): Promise<Task | null> {
    const task = this.tasks.get(taskId);
    return task ? structuredClone(task) : null;
  }

  async saveEvent(event: TaskEvent): Promise<void> {
    const events = this.eventsOf(event.taskId);
    if (!events.has(event.id)) events.set(event.id, structuredClone(event));
  }

  async saveSeriesEvent(event: TaskEvent, mode: "latest" | "accumulate"): Promise<void> {
    const seriesId = event.seriesId ?? "";
    const key = `${event.taskId}\u0000${seriesId}`;
    const row = this.series.get(key);
    if (row && row.throughIndex >= event.index) return;
    const identity = row ?? { id: event.id, index: event.index, throughIndex: event.index };
    this.series.set(key, { ...identity, throughIndex: event.index });
    const { seriesSnapshot: _, ...stored } = structuredClone(event);
    this.eventsOf(event.taskId).set(identity.id, {
      ...stored,
      id: identity.id,
      index: identity.index,
      seriesMode: mode,
    });
  }

  async getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]> {
    const events = [...(this.events.get(taskId)?.values() ?? [])].sort((a, b) => a.index - b.index);
    return structuredClone(applyHistoryQuery(events, query));
  }

  async deleteTask(taskId: string): Promise<void> {
    this.tasks.delete(taskId);
    this.events.delete(taskId);
    for (const key of [...this.series.keys()]) if (key.startsWith(`${taskId}\u0000`)) this.series.delete(key);
  }

  async deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number> {
    const events = this.events.get(taskId);
    if (!events) return 0;
    return eventIds.filter((id) => events.delete(id)).length;
  }

  private eventsOf(taskId: string): Map<string, TaskEvent> {
    let events = this.events.get(taskId);
    if (!events) {
      events = new Map();
      this.events.set(taskId, events);
    }
    return events;
  }
}
