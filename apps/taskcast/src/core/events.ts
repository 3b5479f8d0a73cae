/**
 * Building events: the shape every store writes, the built-in `taskcast:*` events
 * (api.md §3.3), and the views sent to clients.
 */
import { compact } from "./compact.ts";
import type {
  BlockedRequest,
  BroadcastMessage,
  JsonObject,
  SSEEnvelope,
  TaskError,
  TaskEvent,
  TaskResult,
  TaskStatus,
} from "./types.ts";

export const STATUS_EVENT = "taskcast:status";
export const BLOCKED_EVENT = "taskcast:blocked";
export const RESOLVED_EVENT = "taskcast:resolved";
export const AUDIT_EVENT = "taskcast:audit";
export const COLD_EVENT = "taskcast:cold";

/** Everything about an event except its per-task `index`, which only the store may allocate. */
export type EventDraft = Omit<TaskEvent, "taskId" | "index" | "seriesSnapshot">;

/** The stored event, with keys in the order clients see from the original memory store. */
export function buildEvent(taskId: string, index: number, draft: EventDraft): TaskEvent {
  return compact({
    id: draft.id,
    taskId,
    index,
    timestamp: draft.timestamp,
    type: draft.type,
    level: draft.level,
    data: draft.data,
    seriesId: draft.seriesId,
    seriesMode: draft.seriesMode,
    seriesAccField: draft.seriesAccField,
  });
}

/** Key order `message, code, details`, as the original server produces it. */
export function taskErrorJson(error: TaskError): JsonObject {
  const json: JsonObject = { message: error.message };
  if (error.code !== undefined) json.code = error.code;
  if (error.details !== undefined) json.details = error.details;
  return json;
}

export function statusEventData(status: TaskStatus, result?: TaskResult, error?: TaskError): JsonObject {
  const data: JsonObject = { status };
  if (result !== undefined) data.result = result;
  if (error !== undefined) data.error = taskErrorJson(error);
  return data;
}

export function blockedEventData(reason: string | undefined, request: BlockedRequest): JsonObject {
  const data: JsonObject = {};
  if (reason !== undefined) data.reason = reason;
  data.request = { type: request.type, data: request.data };
  return data;
}

export function resolvedEventData(resolution: TaskResult | undefined): JsonObject {
  return resolution === undefined ? {} : { resolution };
}

/** Strips the transient broadcast field; every HTTP/SSE output goes through this. */
export function toPublicEvent(message: BroadcastMessage): TaskEvent {
  const { _accumulatedData: _, ...event } = message;
  return event;
}

/** Live data for a subscriber: the running total when it asked for accumulated series. */
export function liveEvent(message: BroadcastMessage, format: "delta" | "accumulated"): TaskEvent {
  const event = toPublicEvent(message);
  if (format === "accumulated" && message.seriesMode === "accumulate" && "_accumulatedData" in message) {
    return { ...event, data: message._accumulatedData ?? null };
  }
  return event;
}

export function toEnvelope(event: TaskEvent, filteredIndex: number): SSEEnvelope {
  return compact({
    filteredIndex,
    rawIndex: event.index,
    eventId: event.id,
    taskId: event.taskId,
    type: event.type,
    timestamp: event.timestamp,
    level: event.level,
    data: event.data,
    seriesId: event.seriesId,
    seriesMode: event.seriesMode,
    seriesAccField: event.seriesAccField,
    seriesSnapshot: event.seriesSnapshot,
  });
}
