/** Reading a task's history (core.md §4.3, api.md GET /tasks/:id/events/history). */
import { fail, ok, type Result } from "../errors.ts";
import { collapseAccumulateSeries } from "../series.ts";
import type { HistoryQuery, SeriesFormat, TaskEvent } from "../types.ts";
import type { EngineContext } from "./context.ts";
import { getTask } from "./tasks.ts";

export interface HistoryOptions extends HistoryQuery {
  /** `accumulated` collapses each accumulate series into one snapshot (SSE replay without a cursor). */
  seriesFormat?: SeriesFormat;
}

export async function getHistory(
  ctx: EngineContext,
  taskId: string,
  options: HistoryOptions = {},
): Promise<Result<TaskEvent[]>> {
  if (!(await getTask(ctx, taskId))) return fail("not_found", "Task not found");
  const query: HistoryQuery = { since: options.since, limit: options.limit };
  let events = await ctx.shortTerm.getEvents(taskId, query);
  // The hot store wins whenever it has anything; tasks it no longer holds are served durably.
  if (events.length === 0 && ctx.longTerm) events = await ctx.longTerm.getEvents(taskId, query);
  if (options.seriesFormat !== "accumulated") return ok(events);
  const latest = await ctx.shortTerm.getSeriesLatest(taskId);
  const bySeries = new Map(
    latest.flatMap((event) => (event.seriesId === undefined ? [] : [[event.seriesId, event]])),
  );
  return ok(collapseAccumulateSeries(events, bySeries));
}
