/**
 * `normalizeTaskArchive` (api.md §5 `/tasks/import`): the semantic checks after the schema,
 * answering the original's `InvalidTaskArchiveError` as a 400 with one message.
 */
import { TASK_STATUSES, type Task, type TaskEvent } from "../../core/types.ts";
import { ARCHIVE_SCHEMA, ARCHIVE_VERSION, type ImportRequest, type TaskArchive } from "./schema.ts";

export class InvalidTaskArchiveError extends Error {
  override readonly name = "InvalidTaskArchiveError";
}

const fail = (reason: string): never => {
  throw new InvalidTaskArchiveError(`Invalid task archive: ${reason}`);
};

export function normalizeTaskArchive(input: ImportRequest["archive"]): TaskArchive {
  if (input.schema !== ARCHIVE_SCHEMA) fail(`schema must be "${ARCHIVE_SCHEMA}"`);
  if (input.version !== ARCHIVE_VERSION) fail(`unsupported version ${input.version}`);
  if (!Number.isFinite(input.exportedAt)) fail("exportedAt must be a finite number");
  const task = input.task as Task;
  if (task.id === "") fail("task id must not be empty");
  if (!(TASK_STATUSES as readonly string[]).includes(task.status)) fail(`invalid task status ${task.status}`);
  if (!Number.isFinite(task.createdAt) || !Number.isFinite(task.updatedAt))
    fail("task timestamps must be finite");

  const ids = new Set<string>();
  const indexes = new Set<number>();
  for (const raw of input.events) {
    const event = raw as Record<string, unknown>;
    const where = `event ${String(event.id)}`;
    if (typeof event.id !== "string" || event.id === "") fail("every event needs a non-empty id");
    if (event.taskId !== task.id) fail(`${where} belongs to another task`);
    if (typeof event.index !== "number" || !Number.isInteger(event.index) || event.index < 0)
      fail(`${where} has an invalid index`);
    if (typeof event.timestamp !== "number" || !Number.isFinite(event.timestamp))
      fail(`${where} has an invalid timestamp`);
    if (!Object.hasOwn(event, "data")) fail(`${where} has no data`);
    if (Object.hasOwn(event, "seriesSnapshot") || Object.hasOwn(event, "_accumulatedData"))
      fail(`${where} carries presentation-only fields`);
    if (ids.has(event.id as string)) fail(`duplicate event id ${String(event.id)}`);
    if (indexes.has(event.index as number)) fail(`duplicate event index ${String(event.index)}`);
    ids.add(event.id as string);
    indexes.add(event.index as number);
  }
  const events = (input.events as TaskEvent[]).toSorted((a, b) => a.index - b.index);
  events.forEach((event, position) => {
    if (event.index !== position) fail("event indexes must be contiguous from 0");
  });
  return {
    schema: ARCHIVE_SCHEMA,
    version: ARCHIVE_VERSION,
    exportedAt: input.exportedAt,
    task,
    events,
  };
}
