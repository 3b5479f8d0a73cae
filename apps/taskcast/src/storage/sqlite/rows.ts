/**
 * Row ↔ domain mapping for the SQLite tables. JSON columns hold `JSON.stringify` text and
 * absent optional fields are SQL NULL, exactly as the original writes them.
 */
import { compact } from "../../core/compact.ts";
import type { BlockedRequest, JsonValue, Task, TaskEvent } from "../../core/types.ts";
import {
  type ColumnDecoders,
  type EventColumns,
  eventFromColumns,
  type TaskColumns,
  taskFromColumns,
} from "../sql-rows.ts";

type JsonText = string;
type Millis = number;

export interface TaskRow extends TaskColumns<JsonText, Millis> {
  task_version: number;
  rt_suspension: string | null;
}

export type EventRow = EventColumns<JsonText, Millis>;

const decoders: ColumnDecoders<JsonText, Millis> = {
  json: <T>(text: JsonText) => JSON.parse(text) as T,
  millis: (value) => value,
};

/** The task columns we write, in the order of `TASK_VALUES`. */
export const TASK_COLUMNS =
  "id, type, status, params, result, error, metadata, auth_config, webhooks, cleanup, created_at, " +
  "updated_at, completed_at, ttl, tags, assign_mode, cost, assigned_worker, disconnect_policy, rt_suspension";
export const TASK_PLACEHOLDERS = TASK_COLUMNS.split(",")
  .map(() => "?")
  .join(", ");

export const EVENT_COLUMNS =
  "id, task_id, idx, timestamp, type, level, data, series_id, series_mode, series_acc_field";

type Binding = string | number | null;

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

/**
 * Reason, resume time and blocked request, which the original's columns cannot hold. Stamped
 * with the task's `updatedAt`: a later write by a server that does not know this column
 * leaves it stale, and the stamp then no longer matches, so stale values are never shown.
 */
interface Suspension {
  updatedAt: number;
  reason?: string;
  resumeAt?: number;
  blockedRequest?: BlockedRequest;
}

function suspensionOf(task: Task): string | null {
  if (task.reason === undefined && task.resumeAt === undefined && task.blockedRequest === undefined)
    return null;
  const suspension: Suspension = compact({
    updatedAt: task.updatedAt,
    reason: task.reason,
    resumeAt: task.resumeAt,
    blockedRequest: task.blockedRequest,
  });
  return JSON.stringify(suspension);
}

export function taskValues(task: Task): Binding[] {
  return [
    task.id,
    task.type ?? null,
    task.status,
    json(task.params),
    json(task.result),
    json(task.error),
    json(task.metadata),
    json(task.authConfig),
    json(task.webhooks),
    json(task.cleanup),
    task.createdAt,
    task.updatedAt,
    task.completedAt ?? null,
    task.ttl ?? null,
    json(task.tags),
    task.assignMode ?? null,
    task.cost ?? null,
    task.assignedWorker ?? null,
    task.disconnectPolicy ?? null,
    suspensionOf(task),
  ];
}

export function rowToTask(row: TaskRow): Task {
  const suspension = row.rt_suspension === null ? undefined : (JSON.parse(row.rt_suspension) as Suspension);
  const current = suspension?.updatedAt === row.updated_at ? suspension : undefined;
  return taskFromColumns(row, decoders, {
    reason: current?.reason,
    resumeAt: current?.resumeAt,
    blockedRequest: current?.blockedRequest,
  });
}

/** JSON null and an absent payload are both stored as SQL NULL and read back as null. */
export const dataText = (data: JsonValue): string | null => (data === null ? null : JSON.stringify(data));

export function eventValues(event: TaskEvent): Binding[] {
  return [
    event.id,
    event.taskId,
    event.index,
    event.timestamp,
    event.type,
    event.level,
    dataText(event.data),
    event.seriesId ?? null,
    event.seriesMode ?? null,
    event.seriesAccField ?? null,
  ];
}

export const rowToEvent = (row: EventRow): TaskEvent => eventFromColumns(row, decoders);
