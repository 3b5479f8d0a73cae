/**
 * Row ↔ domain mapping for the PostgreSQL tables. BIGINT columns arrive as strings from the
 * driver and JSONB as parsed values; absent optional fields are SQL NULL.
 */
import type postgres from "postgres";
import type { JsonValue, Task, TaskEvent } from "../../core/types.ts";
import {
  type ColumnDecoders,
  type EventColumns,
  eventFromColumns,
  type TaskColumns,
  taskFromColumns,
} from "../sql-rows.ts";

type BigintText = string;
/** JSONB arrives parsed: whatever JSON the column holds. */
type Jsonb = JsonValue;

export type TaskRow = TaskColumns<Jsonb, BigintText>;
export type EventRow = EventColumns<Jsonb, BigintText>;

const decoders: ColumnDecoders<Jsonb, BigintText> = {
  json: <T>(value: Jsonb) => value as T,
  millis: Number,
};

/**
 * The original's columns have no room for `reason`, `resumeAt` or `blockedRequest` (they live
 * only in the hot store), so a task read from PostgreSQL never has them.
 */
export const rowToTask = (row: TaskRow): Task => taskFromColumns(row, decoders);

export const rowToEvent = (row: EventRow): TaskEvent => eventFromColumns(row, decoders);

/**
 * A JSONB parameter: the value itself, which the driver serialises once the `::jsonb` cast
 * types the parameter (pre-stringified text would be stored as a JSON string). Undefined and
 * JSON null both become SQL NULL, as the original stores them.
 */
export function jsonb(value: JsonValue | undefined): postgres.SerializableParameter {
  return value === undefined || value === null ? null : (value as postgres.SerializableParameter);
}
