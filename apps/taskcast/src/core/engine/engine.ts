/**
 * The Taskcast engine: every task operation the server needs, over the three storage ports.
 * It knows nothing about HTTP; domain failures come back as `Result` values (see errors.ts).
 * Each operation lives in its own file; this class only wires them to shared state.
 */
import type {
  BroadcastProvider,
  LongTermStore,
  ShortTermStore,
  TaskListFilter,
  Unsubscribe,
} from "../../storage/ports.ts";
import { type Clock, systemClock } from "../clock.ts";
import { fail, type Result } from "../errors.ts";
import { createUlidGenerator, type IdGenerator } from "../ids.ts";
import { type ReleaseInput, type ReleaseOutcome, releaseTask } from "../lifecycle/release.ts";
import { type LifecycleOptions, lifecycleContext } from "../lifecycle/setup.ts";
import { type LifecycleTickReport, LifecycleWorker } from "../lifecycle/worker.ts";
import type { StorageReadiness } from "../lifecycle/writer-heartbeat.ts";
import type { CreateTaskInput, PublishEventInput } from "../schemas.ts";
import type { TransitionPayload } from "../transition.ts";
import { TtlDeadlines } from "../ttl.ts";
import type {
  BlockedRequest,
  BroadcastMessage,
  CleanupRule,
  JsonValue,
  Task,
  TaskEvent,
  TaskStatus,
} from "../types.ts";
import { getBlockedRequest, resolveTask } from "./blocked.ts";
import { type CleanupReport, runCleanup } from "./cleanup.ts";
import type { EngineContext } from "./context.ts";
import { getHistory, type HistoryOptions } from "./history.ts";
import {
  type CreatedListener,
  type EngineHooks,
  type EventListener,
  Listeners,
  type TransitionListener,
} from "./hooks.ts";
import { publishEvent, publishEvents } from "./publishing.ts";
import { type TickReport, tick } from "./scheduler.ts";
import { KeyedSerialQueue } from "./serial-queue.ts";
import { createTask, getTask, listTasks } from "./tasks.ts";
import { transitionTask } from "./transitions.ts";
import { WriteBehind } from "./write-behind.ts";

export interface EngineOptions {
  shortTerm: ShortTermStore;
  broadcast: BroadcastProvider;
  longTerm?: LongTermStore;
  clock?: Clock;
  ids?: IdGenerator;
  hooks?: EngineHooks;
  /**
   * `timeout` (default): a task past its TTL becomes `timeout` on the next `tick()`, as with
   * the original's durable TTL. `ignore`: TTL is stored only, as in the original's memory and
   * SQLite modes.
   */
  ttl?: "timeout" | "ignore";
  /** The hot/cold storage lifecycle (storage.md §6); only with PostgreSQL behind memory or Redis. */
  lifecycle?: LifecycleOptions;
}

export class TaskcastEngine {
  private readonly ctx: EngineContext;
  /** `events` rules already applied, so a kept task is not re-read on every pass. */
  private readonly cleanedUp = new Set<string>();
  private readonly lifecycleWorker: LifecycleWorker | undefined;

  constructor(options: EngineOptions) {
    this.ctx = {
      shortTerm: options.shortTerm,
      broadcast: options.broadcast,
      longTerm: options.longTerm,
      clock: options.clock ?? systemClock,
      ids: options.ids ?? createUlidGenerator(),
      queue: new KeyedSerialQueue(),
      writeBehind: new WriteBehind(),
      durableBeforeAnswer: options.longTerm !== undefined && !options.shortTerm.outlivesProcess,
      listeners: new Listeners(options.hooks ?? {}),
      ttl: options.ttl === "ignore" ? undefined : new TtlDeadlines(),
      lifecycle: undefined,
    };
    if (options.lifecycle) {
      const clock = this.ctx.clock;
      this.ctx.lifecycle = lifecycleContext(options.lifecycle, () => clock.now());
      this.lifecycleWorker = new LifecycleWorker(
        this.ctx,
        this.ctx.lifecycle,
        options.lifecycle.intervalMs ?? 5_000,
      );
    }
  }

  /** Whether `releaseStorage` can do anything (PostgreSQL behind memory or Redis). */
  get supportsStorageRelease(): boolean {
    return this.ctx.lifecycle !== undefined;
  }

  /** `storage_release_unsupported` without the lifecycle; see lifecycle/release.ts. */
  releaseStorage(taskId: string, input: ReleaseInput): Promise<Result<ReleaseOutcome>> {
    const lifecycle = this.ctx.lifecycle;
    if (!lifecycle) {
      return Promise.resolve(
        fail("storage_release_unsupported", "Task storage release is not supported by this adapter"),
      );
    }
    return releaseTask(this.ctx, lifecycle, taskId, input);
  }

  /** Re-registers this server as a writer and reports release readiness (`/health/detail`). */
  async storageReadiness(): Promise<StorageReadiness> {
    const lifecycle = this.ctx.lifecycle;
    if (!lifecycle) {
      return {
        releaseReady: false,
        requiredStorageProtocolVersion: 2,
        activeWriterCount: 0,
        incompatibleWriterIds: [],
      };
    }
    return lifecycle.heartbeat.readiness();
  }

  /** The writer heartbeat, every 10 s (storage.md §6.4); no-op without the lifecycle. */
  async writerHeartbeat(): Promise<void> {
    await this.ctx.lifecycle?.heartbeat.beat();
  }

  /** One lifecycle worker pass (storage.md §6.3); no-op without the lifecycle. */
  async lifecycleTick(): Promise<LifecycleTickReport> {
    return (await this.lifecycleWorker?.tick()) ?? { timedOut: [], released: [] };
  }

  /** 201 on success; `bad_request` for TTL/cost guards; `conflict` for a taken explicit id. */
  createTask(input: CreateTaskInput = {}): Promise<Result<Task>> {
    return createTask(this.ctx, input);
  }

  getTask(taskId: string): Promise<Task | null> {
    return getTask(this.ctx, taskId);
  }

  listTasks(filter?: TaskListFilter): Promise<Task[]> {
    return listTasks(this.ctx, filter);
  }

  /** `not_found`, `invalid_transition`, or (under sustained contention) `conflict`. */
  transition(taskId: string, to: TaskStatus, payload?: TransitionPayload): Promise<Result<Task>> {
    return transitionTask(this.ctx, taskId, to, payload);
  }

  /** `not_found`, or `bad_request` when the task is terminal. */
  publishEvent(taskId: string, input: PublishEventInput): Promise<Result<TaskEvent>> {
    return publishEvent(this.ctx, taskId, input);
  }

  publishEvents(taskId: string, inputs: readonly PublishEventInput[]): Promise<Result<TaskEvent[]>> {
    return publishEvents(this.ctx, taskId, inputs);
  }

  getHistory(taskId: string, options?: HistoryOptions): Promise<Result<TaskEvent[]>> {
    return getHistory(this.ctx, taskId, options);
  }

  /** Live events of one task, as broadcast (may carry `_accumulatedData`; strip before sending). */
  subscribe(taskId: string, handler: (message: BroadcastMessage) => void): Promise<Unsubscribe> {
    return this.ctx.broadcast.subscribe(taskId, handler);
  }

  resolve(taskId: string, data: JsonValue | undefined): Promise<Result<Task>> {
    return resolveTask(this.ctx, taskId, data);
  }

  getBlockedRequest(taskId: string): Promise<Result<BlockedRequest>> {
    return getBlockedRequest(this.ctx, taskId);
  }

  /** Tasks created by this process (the global `/events` stream). Answers an unsubscribe. */
  onTaskCreated(listener: CreatedListener): () => void {
    return this.ctx.listeners.onCreated(listener);
  }

  onTaskTransitioned(listener: TransitionListener): () => void {
    return this.ctx.listeners.onTransitioned(listener);
  }

  /** Every event committed by this process (published or derived); webhooks hang off it. */
  onEvent(listener: EventListener): () => void {
    return this.ctx.listeners.onEvent(listener);
  }

  /**
   * One cleanup pass over terminal hot tasks: each task's own `cleanup.rules` when it has any,
   * else `rules` (the server's). Deletes from the hot and the durable store.
   */
  cleanup(rules: readonly CleanupRule[]): Promise<CleanupReport> {
    return runCleanup(this.ctx, rules, this.cleanedUp);
  }

  /** One scheduler pass: resume due blocked tasks, time out tasks past their TTL. */
  tick(): Promise<TickReport> {
    return tick(this.ctx);
  }

  /** When this process will time the task out, if it holds a TTL deadline for it. */
  ttlDeadline(taskId: string): number | undefined {
    return this.ctx.ttl?.get(taskId);
  }

  /** Waits until every durable write queued so far has finished (tests, graceful shutdown). */
  settle(): Promise<void> {
    return this.ctx.writeBehind.settle();
  }
}
