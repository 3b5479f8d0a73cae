/**
 * Library hooks (core.md §8) and listener registries. Listeners run after the change is
 * committed, so a throwing listener cannot undo it; its error goes to `onListenerError`.
 */
import type { Task, TaskError, TaskEvent, TaskStatus } from "../types.ts";

export interface EngineHooks {
  onTaskCreated?(task: Task): void;
  onTaskTransitioned?(task: Task, from: TaskStatus, to: TaskStatus): void;
  onTaskFailed?(task: Task, error: TaskError | undefined): void;
  onTaskTimeout?(task: Task): void;
  /** A durable copy could not be written (the hot copy and the broadcast already happened). */
  onEventDropped?(event: TaskEvent, reason: unknown): void;
  /**
   * Ours: a publish was answered, `durationMs` after it was asked for (waiting behind the
   * task's earlier writes included, as the client waits), for latency metrics.
   */
  onEventPublished?(event: TaskEvent, durationMs: number): void;
  onListenerError?(error: unknown): void;
}

export type CreatedListener = (task: Task) => void;
/** Every event this process commits (published or derived), in commit order per task. */
export type EventListener = (event: TaskEvent) => void;
export type TransitionListener = (task: Task, from: TaskStatus, to: TaskStatus) => void;

export class Listeners {
  private readonly created = new Set<CreatedListener>();
  private readonly transitioned = new Set<TransitionListener>();
  private readonly committed = new Set<EventListener>();

  constructor(private readonly hooks: EngineHooks) {}

  onCreated(listener: CreatedListener): () => void {
    this.created.add(listener);
    return () => this.created.delete(listener);
  }

  onTransitioned(listener: TransitionListener): () => void {
    this.transitioned.add(listener);
    return () => this.transitioned.delete(listener);
  }

  onEvent(listener: EventListener): () => void {
    this.committed.add(listener);
    return () => this.committed.delete(listener);
  }

  eventCommitted(event: TaskEvent): void {
    for (const listener of [...this.committed]) this.guard(() => listener(event));
  }

  taskCreated(task: Task): void {
    this.guard(() => this.hooks.onTaskCreated?.(task));
    for (const listener of [...this.created]) this.guard(() => listener(task));
  }

  taskTransitioned(task: Task, from: TaskStatus, failure: TaskError | undefined): void {
    const to = task.status;
    if (to === "failed") this.guard(() => this.hooks.onTaskFailed?.(task, failure));
    if (to === "timeout") this.guard(() => this.hooks.onTaskTimeout?.(task));
    this.guard(() => this.hooks.onTaskTransitioned?.(task, from, to));
    for (const listener of [...this.transitioned]) this.guard(() => listener(task, from, to));
  }

  eventPublished(event: TaskEvent, durationMs: number): void {
    this.guard(() => this.hooks.onEventPublished?.(event, durationMs));
  }

  eventDropped(event: TaskEvent, reason: unknown): void {
    this.guard(() => this.hooks.onEventDropped?.(event, reason));
  }

  private guard(call: () => void): void {
    try {
      call();
    } catch (error) {
      try {
        this.hooks.onListenerError?.(error);
      } catch {
        // Nothing sensible is left to report to.
      }
    }
  }
}
