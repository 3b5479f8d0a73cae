/**
 * How tasks and events are encoded in Redis. We write exactly `JSON.stringify` of the domain
 * object, as the original does; we read tolerantly, because the original's claim script
 * re-encodes tasks with Lua cjson (keys reordered, empty arrays turned into `{}`) and its
 * fenced commits put `index` first in event JSON.
 */
import { buildEvent } from "../../core/events.ts";
import type { JsonValue, Level, SeriesMode, Task, TaskEvent } from "../../core/types.ts";

/**
 * An event's JSON split around its index, so a Lua script can allocate the index and store
 * `prefix .. index .. suffix` — byte for byte `JSON.stringify(event)` with that index.
 */
export interface EventTemplate {
  prefix: string;
  suffix: string;
}

export function eventTemplate(event: TaskEvent): EventTemplate {
  const { id, taskId, index: _, ...rest } = event;
  return {
    prefix: `${JSON.stringify({ id, taskId }).slice(0, -1)},"index":`,
    suffix: `,${JSON.stringify(rest).slice(1)}`,
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isEmptyObject = (value: unknown): boolean => isObject(value) && Object.keys(value).length === 0;

/** cjson cannot tell `[]` from `{}`; these task fields are always arrays. */
function asArray<T>(value: T[] | undefined): T[] | undefined {
  return isEmptyObject(value) ? [] : value;
}

export function decodeTask(raw: string): Task {
  const task = JSON.parse(raw) as Task;
  const tags = asArray(task.tags);
  const webhooks = asArray(task.webhooks);
  if (tags !== undefined) task.tags = tags;
  if (webhooks !== undefined) task.webhooks = webhooks;
  if (task.cleanup && isEmptyObject(task.cleanup.rules)) task.cleanup.rules = [];
  return task;
}

/** Any stored event JSON (either key order) as a TaskEvent with the canonical key order. */
export function decodeEvent(raw: string): TaskEvent | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.id !== "string" || typeof parsed.taskId !== "string")
    return undefined;
  return buildEvent(parsed.taskId, Number(parsed.index), {
    id: parsed.id,
    timestamp: Number(parsed.timestamp),
    type: String(parsed.type),
    level: parsed.level as Level,
    // Redis-only original servers store events without `data` when the publisher sent none.
    data: parsed.data === undefined ? null : (parsed.data as JsonValue),
    seriesId: parsed.seriesId as string | undefined,
    seriesMode: parsed.seriesMode as SeriesMode | undefined,
    seriesAccField: parsed.seriesAccField as string | undefined,
  });
}
