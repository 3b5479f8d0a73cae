/**
 * Row → domain mapping shared by the two SQL stores. The original gave SQLite and PostgreSQL
 * the same task and event columns; only the drivers differ in how they hand a JSON column
 * back (TEXT to parse vs JSONB already parsed) and a millisecond column (INTEGER number vs
 * BIGINT text). Each store passes those two decoders, so the column list lives here once.
 */
import { compact } from "../core/compact.ts";
import type {
  AssignMode,
  DisconnectPolicy,
  JsonObject,
  JsonValue,
  Level,
  SeriesMode,
  Task,
  TaskError,
  TaskEvent,
  TaskResult,
  TaskStatus,
} from "../core/types.ts";

export interface TaskColumns<Json, Millis> {
  id: string;
  type: string | null;
  status: string;
  params: Json | null;
  result: Json | null;
  error: Json | null;
  metadata: Json | null;
  auth_config: Json | null;
  webhooks: Json | null;
  cleanup: Json | null;
  created_at: Millis;
  updated_at: Millis;
  completed_at: Millis | null;
  ttl: number | null;
  tags: Json | null;
  assign_mode: string | null;
  cost: number | null;
  assigned_worker: string | null;
  disconnect_policy: string | null;
}

export interface EventColumns<Json, Millis> {
  id: string;
  task_id: string;
  idx: number;
  timestamp: Millis;
  type: string;
  level: string;
  data: Json | null;
  series_id: string | null;
  series_mode: string | null;
  series_acc_field: string | null;
}

export interface ColumnDecoders<Json, Millis> {
  /** The stored JSON value; the column's type is the contract's, checked when it was written. */
  json<T>(value: Json): T;
  millis(value: Millis): number;
}

/** The fields the original's columns cannot hold; only SQLite keeps them (`rt_suspension`). */
export type Suspension = Pick<Task, "reason" | "resumeAt" | "blockedRequest">;

const orUndefined = <T>(value: T | null): T | undefined => (value === null ? undefined : value);

export function taskFromColumns<Json, Millis>(
  row: TaskColumns<Json, Millis>,
  decode: ColumnDecoders<Json, Millis>,
  suspension: Suspension = {},
): Task {
  const json = <T>(value: Json | null): T | undefined => (value === null ? undefined : decode.json<T>(value));
  return compact({
    id: row.id,
    type: orUndefined(row.type),
    status: row.status as TaskStatus,
    params: json<JsonObject>(row.params),
    result: json<TaskResult>(row.result),
    error: json<TaskError>(row.error),
    metadata: json<JsonObject>(row.metadata),
    createdAt: decode.millis(row.created_at),
    updatedAt: decode.millis(row.updated_at),
    completedAt: row.completed_at === null ? undefined : decode.millis(row.completed_at),
    ttl: orUndefined(row.ttl),
    authConfig: json<JsonObject>(row.auth_config),
    webhooks: json<JsonValue[]>(row.webhooks),
    cleanup: json<{ rules: JsonValue[] }>(row.cleanup),
    tags: json<string[]>(row.tags),
    assignMode: orUndefined(row.assign_mode) as AssignMode | undefined,
    cost: orUndefined(row.cost),
    assignedWorker: orUndefined(row.assigned_worker),
    reason: suspension.reason,
    resumeAt: suspension.resumeAt,
    blockedRequest: suspension.blockedRequest,
    disconnectPolicy: orUndefined(row.disconnect_policy) as DisconnectPolicy | undefined,
  });
}

export function eventFromColumns<Json, Millis>(
  row: EventColumns<Json, Millis>,
  decode: ColumnDecoders<Json, Millis>,
): TaskEvent {
  return compact({
    id: row.id,
    taskId: row.task_id,
    index: row.idx,
    timestamp: decode.millis(row.timestamp),
    type: row.type,
    level: row.level as Level,
    data: row.data === null ? null : decode.json<JsonValue>(row.data),
    seriesId: orUndefined(row.series_id),
    seriesMode: orUndefined(row.series_mode) as SeriesMode | undefined,
    seriesAccField: orUndefined(row.series_acc_field),
  });
}
