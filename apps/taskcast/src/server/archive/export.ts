/**
 * `GET /tasks/:id/archive` (api.md §5): the task and its compacted history — one entry per
 * latest/accumulate series (accumulate carrying the full value), re-indexed from 0, without
 * presentation fields.
 */
import type { TaskcastEngine } from "../../core/engine/engine.ts";
import { fail, ok, type Result } from "../../core/errors.ts";
import { ARCHIVE_SCHEMA, ARCHIVE_VERSION, type TaskArchive } from "./schema.ts";

export async function exportArchive(
  engine: TaskcastEngine,
  taskId: string,
  now: number,
): Promise<Result<TaskArchive>> {
  const task = await engine.getTask(taskId);
  if (!task) return fail("not_found", `Task not found: ${taskId}`);
  // The accumulated view already holds one snapshot per accumulate series; latest-mode
  // series are replaced in place by every store, so each appears once.
  const history = await engine.getHistory(taskId, { seriesFormat: "accumulated" });
  if (!history.ok) return history;
  const events = history.value.map(({ seriesSnapshot: _, ...event }, index) => ({ ...event, index }));
  return ok({ schema: ARCHIVE_SCHEMA, version: ARCHIVE_VERSION, exportedAt: now, task, events });
}
