/** Publishing events to a task (core.md §3). */
import { compact } from "../compact.ts";
import { fail, ok, type Result, taskNotFound } from "../errors.ts";
import type { EventDraft } from "../events.ts";
import { fencedWrite } from "../lifecycle/fencing.ts";
import type { PublishEventInput } from "../schemas.ts";
import type { BroadcastMessage, TaskEvent } from "../types.ts";
import type { EngineContext } from "./context.ts";

/** Answers the stored event; for accumulate series that is the delta, not the running total. */
export async function publishEvent(
  ctx: EngineContext,
  taskId: string,
  input: PublishEventInput,
): Promise<Result<TaskEvent>> {
  // A monotonic timer, not the engine's clock: latency must not jump with wall-clock changes.
  const started = performance.now();
  const result = await ctx.queue.run(taskId, () => publishNow(ctx, taskId, input));
  if (result.ok) ctx.listeners.eventPublished(result.value, performance.now() - started);
  return result;
}

/** Publishes in order and stops at the first failure; earlier events stay published. */
export async function publishEvents(
  ctx: EngineContext,
  taskId: string,
  inputs: readonly PublishEventInput[],
): Promise<Result<TaskEvent[]>> {
  const published: TaskEvent[] = [];
  for (const input of inputs) {
    const result = await publishEvent(ctx, taskId, input);
    if (!result.ok) return result;
    published.push(result.value);
  }
  return ok(published);
}

async function publishNow(
  ctx: EngineContext,
  taskId: string,
  input: PublishEventInput,
): Promise<Result<TaskEvent>> {
  const draft: EventDraft = compact({
    id: ctx.ids(),
    timestamp: ctx.clock.now(),
    type: input.type,
    level: input.level,
    // Missing data becomes null: the original's undefined broke replays (api.md §6.4).
    data: input.data ?? null,
    seriesId: input.seriesId,
    seriesMode: input.seriesMode,
    seriesAccField: input.seriesAccField,
  });
  const fenced = await fencedWrite(ctx, taskId, async (fence) => {
    const result = await ctx.shortTerm.appendEvent(taskId, draft, fence);
    return !result.ok && result.reason === "fenced" ? "fenced" : result;
  });
  if (!fenced.ok) return fenced;
  const appended = fenced.value;
  if (!appended.ok) {
    if (appended.reason === "not_found") return taskNotFound(taskId);
    return fail("bad_request", `Cannot publish to task in terminal status: ${appended.status}`);
  }
  const { event, accumulated } = appended;
  const message: BroadcastMessage = accumulated ? { ...event, _accumulatedData: accumulated.data } : event;
  // Queue the durable copy first: a failing broadcast must not also lose the durable write.
  const durable = persistBehind(ctx, event, accumulated);
  // Stored is committed: webhooks follow even when the broadcast below fails.
  ctx.listeners.eventCommitted(event);
  await ctx.broadcast.publish(taskId, message);
  if (ctx.durableBeforeAnswer) await durable;
  return ok(event);
}

function persistBehind(
  ctx: EngineContext,
  event: TaskEvent,
  accumulated: TaskEvent | undefined,
): Promise<void> | undefined {
  const longTerm = ctx.longTerm;
  if (!longTerm) return undefined;
  const write =
    event.seriesId !== undefined && event.seriesMode === "latest"
      ? () => longTerm.saveSeriesEvent(event, "latest")
      : accumulated
        ? () => longTerm.saveSeriesEvent(accumulated, "accumulate")
        : () => longTerm.saveEvent(event);
  return ctx.writeBehind.enqueue(event.taskId, write, (error) => ctx.listeners.eventDropped(event, error));
}
