/**
 * The Taskcast data model (core.md §1). Field names and optionality are the wire contract:
 * optional fields are omitted, never `null`, so every builder strips `undefined` keys.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const TASK_STATUSES = [
  "pending",
  "assigned",
  "running",
  "paused",
  "blocked",
  "completed",
  "failed",
  "timeout",
  "cancelled",
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TERMINAL_STATUSES = ["completed", "failed", "timeout", "cancelled"] as const;
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

export const LEVELS = ["debug", "info", "warn", "error"] as const;
export type Level = (typeof LEVELS)[number];

export const SERIES_MODES = ["keep-all", "accumulate", "latest"] as const;
export type SeriesMode = (typeof SERIES_MODES)[number];

export const ASSIGN_MODES = ["external", "pull", "ws-offer", "ws-race"] as const;
export type AssignMode = (typeof ASSIGN_MODES)[number];

export const DISCONNECT_POLICIES = ["reassign", "mark", "fail"] as const;
export type DisconnectPolicy = (typeof DISCONNECT_POLICIES)[number];

export interface TaskError {
  message: string;
  code?: string;
  details?: JsonObject;
}

/** What a blocked task waits for; answered through `/resolve`. */
export interface BlockedRequest {
  type: string;
  data: JsonValue;
}

/** `result` is an object over HTTP, but `/resolve` may store any non-null object, arrays included. */
export type TaskResult = JsonObject | JsonValue[];

export interface Task {
  id: string;
  type?: string;
  status: TaskStatus;
  params?: JsonObject;
  result?: TaskResult;
  error?: TaskError;
  metadata?: JsonObject;
  createdAt: number;
  updatedAt: number;
  completedAt?: number;
  /** Execution deadline in seconds, > 0. */
  ttl?: number;
  /** Stored verbatim, never enforced (core.md §1.1). */
  authConfig?: JsonObject;
  /** Stored verbatim; see `WebhookConfig` for the shape a delivery component parses. */
  webhooks?: JsonValue[];
  /** Stored verbatim, never executed. */
  cleanup?: { rules: JsonValue[] };
  tags?: string[];
  assignMode?: AssignMode;
  cost?: number;
  assignedWorker?: string;
  /** Only while paused or blocked. */
  reason?: string;
  /** Only while blocked: when the scheduler wakes the task (ms). */
  resumeAt?: number;
  /** Only while blocked. */
  blockedRequest?: BlockedRequest;
  disconnectPolicy?: DisconnectPolicy;
}

export interface TaskEvent {
  id: string;
  taskId: string;
  index: number;
  timestamp: number;
  type: string;
  level: Level;
  /** Missing publisher data is normalised to `null` (api.md §6.4 recommends it). */
  data: JsonValue;
  seriesId?: string;
  seriesMode?: SeriesMode;
  seriesAccField?: string;
  /** Presentation only: marks a collapsed accumulate snapshot; never persisted. */
  seriesSnapshot?: boolean;
}

/**
 * The broadcast copy of an event. Accumulate events carry the running total so live
 * subscribers asking for `seriesFormat=accumulated` need no store read. Never sent to clients.
 */
export interface BroadcastMessage extends TaskEvent {
  _accumulatedData?: JsonValue;
}

export interface SSEEnvelope {
  filteredIndex: number;
  rawIndex: number;
  eventId: string;
  taskId: string;
  type: string;
  timestamp: number;
  level: Level;
  data: JsonValue;
  seriesId?: string;
  seriesMode?: SeriesMode;
  seriesAccField?: string;
  seriesSnapshot?: boolean;
}

/** Cursor into a task's history; the first present field wins (id, then index, then timestamp). */
export interface HistorySince {
  id?: string;
  index?: number;
  timestamp?: number;
}

export interface HistoryQuery {
  since?: HistorySince;
  /** Keep the first (oldest) N events after the cursor. */
  limit?: number;
}

export type SeriesFormat = "delta" | "accumulated";

export interface SubscribeFilter {
  since?: HistorySince;
  types?: string[];
  levels?: Level[];
  /** Default true; false drops `taskcast:status` events only. */
  includeStatus?: boolean;
  /** Default true: SSEEnvelope; false: the raw TaskEvent. */
  wrap?: boolean;
  seriesFormat?: SeriesFormat;
}

export type WebhookBackoff = "fixed" | "exponential" | "linear";

export interface WebhookConfig {
  url: string;
  filter?: SubscribeFilter;
  secret?: string;
  wrap?: boolean;
  retry?: {
    retries: number;
    backoff: WebhookBackoff;
    initialDelayMs: number;
    maxDelayMs: number;
    timeoutMs: number;
  };
}

export interface CleanupRule {
  name?: string;
  match?: { taskTypes?: string[]; status?: TaskStatus[] };
  trigger: { afterMs?: number };
  target: "all" | "events" | "task";
  eventFilter?: { types?: string[]; levels?: Level[]; olderThanMs?: number; seriesMode?: SeriesMode[] };
}
