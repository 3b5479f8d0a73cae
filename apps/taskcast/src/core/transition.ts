/**
 * What a transition does to a task, as a pure function (core.md §2.2 steps 2–7). The engine
 * supplies the current task and the clock, and the store commits the result atomically.
 */
import { compact } from "./compact.ts";
import { invalidTransition, ok, type Result } from "./errors.ts";
import {
  BLOCKED_EVENT,
  blockedEventData,
  RESOLVED_EVENT,
  resolvedEventData,
  STATUS_EVENT,
  statusEventData,
} from "./events.ts";
import { canTransition, isSuspended, isTerminal } from "./state-machine.ts";
import type { BlockedRequest, JsonValue, Level, Task, TaskError, TaskResult, TaskStatus } from "./types.ts";

export interface TransitionPayload {
  result?: TaskResult;
  error?: TaskError;
  /** Kept only when entering paused or blocked. */
  reason?: string;
  /** Only used when entering blocked: `resumeAt = now + resumeAfterMs`. */
  resumeAfterMs?: number;
  /** Only used when entering blocked. */
  blockedRequest?: BlockedRequest;
  /** Replaces `task.ttl` and restarts the TTL clock. */
  ttl?: number;
}

export interface TransitionOptions {
  /** TTL timeouts also release the worker (core.md §6); ordinary transitions leave it to listeners. */
  clearAssignment?: boolean;
}

/** A built-in event the transition emits; the engine gives it an id and timestamp. */
export interface DerivedEvent {
  type: string;
  level: Level;
  data: JsonValue;
}

export interface TransitionPlan {
  task: Task;
  events: DerivedEvent[];
}

export function planTransition(
  current: Task,
  to: TaskStatus,
  payload: TransitionPayload,
  now: number,
  options: TransitionOptions = {},
): Result<TransitionPlan> {
  if (!canTransition(current.status, to)) return invalidTransition(current.status, to);

  const next: Task = {
    ...current,
    status: to,
    updatedAt: now,
    completedAt: isTerminal(to) ? now : current.completedAt,
    result: payload.result ?? current.result,
    error: payload.error ?? current.error,
    ttl: payload.ttl ?? current.ttl,
  };

  if (isSuspended(to)) {
    if (payload.reason !== undefined) next.reason = payload.reason;
    if (to === "blocked") {
      if (payload.blockedRequest !== undefined) next.blockedRequest = payload.blockedRequest;
      if (payload.resumeAfterMs !== undefined) next.resumeAt = now + payload.resumeAfterMs;
    }
  } else {
    next.reason = undefined;
    next.blockedRequest = undefined;
    next.resumeAt = undefined;
  }
  if (options.clearAssignment) next.assignedWorker = undefined;

  return ok({ task: compact(next), events: derivedEvents(current, next, payload) });
}

function derivedEvents(previous: Task, next: Task, payload: TransitionPayload): DerivedEvent[] {
  const events: DerivedEvent[] = [
    { type: STATUS_EVENT, level: "info", data: statusEventData(next.status, payload.result, payload.error) },
  ];
  if (next.status === "blocked" && payload.blockedRequest !== undefined) {
    events.push({
      type: BLOCKED_EVENT,
      level: "info",
      data: blockedEventData(next.reason, payload.blockedRequest),
    });
  }
  if (previous.status === "blocked" && next.status === "running" && previous.blockedRequest !== undefined) {
    events.push({ type: RESOLVED_EVENT, level: "info", data: resolvedEventData(payload.result) });
  }
  return events;
}

/** `/resolve` stores objects as the result and wraps anything else (api.md §5). */
export function resolutionResult(data: JsonValue | undefined): TaskResult {
  if (typeof data === "object" && data !== null) return data;
  return data === undefined ? {} : { resolution: data };
}
