/**
 * The three storage ports the engine talks to (storage.md §1). Whatever needs atomicity is
 * the store's job, so concurrency is correct on every adapter, across processes too:
 *   - memory:     synchronous critical section (no `await` between read and write)
 *   - SQLite:     one transaction (`BEGIN IMMEDIATE`)
 *   - Redis:      one Lua script (or an optimistic script that retries)
 *   - PostgreSQL: a row lock or a conditional UPDATE
 * Domain outcomes come back as values; a store throws only when it cannot do its job at all
 * (connection lost...), which the server answers with 5xx.
 */
import type { EventDraft } from "../core/events.ts";
import type {
  AssignMode,
  BroadcastMessage,
  HistoryQuery,
  Task,
  TaskEvent,
  TaskStatus,
} from "../core/types.ts";
import type { LifecycleStores } from "./lifecycle-ports.ts";

export type Unsubscribe = () => Promise<void>;

/** Live fan-out of committed events, per task, across every server instance. */
export interface BroadcastProvider {
  /** Resolves once the message is accepted for delivery; rejects rather than dropping it. */
  publish(taskId: string, message: BroadcastMessage): Promise<void>;
  /**
   * Resolves once the subscription is active, so nothing published afterwards is missed.
   * Handlers receive their own copy and a throwing handler never affects the others.
   */
  subscribe(taskId: string, handler: (message: BroadcastMessage) => void): Promise<Unsubscribe>;
}

/** A task with an opaque revision that changes on every write (counter, raw JSON, version column). */
export interface VersionedTask {
  task: Task;
  revision: string;
}

export interface TaskListFilter {
  /** Empty or absent: any status. Unknown values simply match nothing. */
  statuses?: readonly string[];
  /** Exact task types (no wildcards). Empty or absent: any type. */
  types?: readonly string[];
  tags?: { all?: readonly string[]; any?: readonly string[]; none?: readonly string[] };
  assignModes?: readonly AssignMode[];
  excludeTaskIds?: readonly string[];
  limit?: number;
}

export interface TransitionCommit {
  taskId: string;
  /** The revision the new task was computed from; any other revision means someone else won. */
  expectedRevision: string;
  task: Task;
  /** Derived events, given consecutive fresh indexes in this order within the same commit. */
  events: readonly EventDraft[];
  fence?: FenceCheck;
}

export type TransitionCommitResult =
  | { ok: true; events: TaskEvent[] }
  | { ok: false; reason: "not_found" | "stale" }
  | { ok: false; reason: "fenced" };

/**
 * With the hot/cold lifecycle, a write must find the task's write fence open at the epoch the
 * durable store holds (storage.md §6); otherwise nothing is written and the answer is `fenced`.
 */
export interface FenceCheck {
  storageEpoch: number;
}

export type AppendResult =
  | {
      ok: true;
      /** The stored event (for accumulate series: the delta). */
      event: TaskEvent;
      /** Accumulate series only: the new series-latest, carrying the running total. */
      accumulated?: TaskEvent;
    }
  | { ok: false; reason: "not_found" }
  | { ok: false; reason: "fenced" }
  | { ok: false; reason: "terminal"; status: TaskStatus };

/**
 * The hot store: tasks being worked on and their event lists. Memory, Redis and SQLite
 * implement it; it is the source of truth for live tasks.
 */
export interface ShortTermStore {
  /**
   * Whether what it holds survives this process (SQLite file, Redis: true; memory: false).
   * Behind a store that does not, the engine writes the durable copy before answering, so a
   * crash never loses an acknowledged write.
   */
  readonly outlivesProcess: boolean;
  /** Inserts a new task; false (and nothing written) when the id is taken. Atomic. */
  createTask(task: Task): Promise<boolean>;
  getTask(taskId: string): Promise<Task | null>;
  /** The task with its current revision, to compute a transition from. */
  loadTask(taskId: string): Promise<VersionedTask | null>;
  /** Hot tasks matching every given filter, then `limit`. Order is adapter-specific. */
  listTasks(filter?: TaskListFilter): Promise<Task[]>;
  /**
   * Compare-and-set: when the stored revision still equals `expectedRevision`, writes the
   * task and appends the derived events in one atomic step; otherwise writes nothing and
   * answers `stale`. Of N commits computed from the same revision exactly one succeeds.
   * `fence` is honoured by the stores that take part in the lifecycle (memory, Redis).
   */
  commitTransition(commit: TransitionCommit): Promise<TransitionCommitResult>;
  /**
   * Appends one published event atomically: refuses unknown and terminal tasks, allocates the
   * next index (0, 1, 2... strictly increasing, never reused), and applies the series rule:
   *   - keep-all or no series: append;
   *   - latest: the series' previous entry is replaced in place (same list position), the
   *     new event becomes the series-latest;
   *   - accumulate: append the delta, series-latest = `accumulatedEvent(previous, delta)`.
   */
  appendEvent(taskId: string, draft: EventDraft, fence?: FenceCheck): Promise<AppendResult>;
  /** Events in list order with the cursor rules of `applyHistoryQuery`; unknown task: []. */
  getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]>;
  /** The series-latest event of each latest/accumulate series of the task. */
  getSeriesLatest(taskId: string): Promise<TaskEvent[]>;
  /**
   * Makes each given event its series' latest (latest mode: the event itself; accumulate: the
   * event carrying the running total). For latest mode the event must already be in the list:
   * it becomes the entry a later publish replaces. Archive import uses it, so restored series
   * go on replacing or accumulating instead of appending.
   */
  saveSeriesLatest(taskId: string, events: readonly TaskEvent[]): Promise<void>;
  /** Removes the task and everything stored for it (events, series, index). Unknown task: no-op. */
  deleteTask(taskId: string): Promise<void>;
  /** Removes these events from the task's list; answers how many were there. Cleanup rules only. */
  deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number>;
}

/**
 * The durable store (PostgreSQL, SQLite, memory for tests). Written behind the hot store;
 * every write is idempotent so retried or reordered writes converge.
 */
export interface LongTermStore {
  /**
   * Upsert. Refuses (answers false, writes nothing) to overwrite a terminal task with a
   * different status: `Durable terminal task cannot be overwritten`.
   */
  saveTask(task: Task): Promise<boolean>;
  getTask(taskId: string): Promise<Task | null>;
  /** Inserts a keep-all event; a second write of the same id is ignored. */
  saveEvent(event: TaskEvent): Promise<void>;
  /**
   * Keeps exactly one row per latest/accumulate series: the first row written keeps its id
   * and index and takes the newest event's other fields (for accumulate, pass the event
   * carrying the running total). A write whose index is not above the last one applied to
   * that series is ignored, so late or repeated writes cannot move a series backwards.
   */
  saveSeriesEvent(event: TaskEvent, mode: "latest" | "accumulate"): Promise<void>;
  /** Events ordered by index, with the cursor rules of `applyHistoryQuery`; unknown task: []. */
  getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]>;
  /** Removes the task with its events and series rows. Unknown task: no-op. */
  deleteTask(taskId: string): Promise<void>;
  /** Removes these events; answers how many existed. Cleanup rules only. */
  deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number>;
}

/** The stores one server runs on, as the CLI opens them for a storage mode. */
export interface StorageAdapters {
  broadcast: BroadcastProvider;
  shortTerm: ShortTermStore;
  longTerm?: LongTermStore;
  /**
   * The hot and the durable store are one set of tables (SQLite): whatever is written to one
   * is already in the other, so restoring an archive writes it once.
   */
  sharedTables?: boolean;
  /** The hot/cold lifecycle: PostgreSQL behind a memory or Redis hot store. */
  lifecycle?: LifecycleStores;
}
