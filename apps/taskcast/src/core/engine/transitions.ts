/**
 * Moving a task through the state machine (core.md §2.2). The store's compare-and-set makes
 * it atomic: when another writer got there first, the transition is re-validated against
 * the new state, so of N concurrent terminal transitions exactly one wins and the others
 * get `Invalid transition: <terminal> → <to>` (409).
 */
import { fail, ok, type Result, taskNotFound } from "../errors.ts";
import type { EventDraft } from "../events.ts";
import { fencedWrite } from "../lifecycle/fencing.ts";
import { planTransition, type TransitionOptions, type TransitionPayload } from "../transition.ts";
import type { Task, TaskEvent, TaskStatus } from "../types.ts";
import type { EngineContext } from "./context.ts";

/** Every retry re-reads a newer revision, so only sustained contention can exhaust these. */
const MAX_ATTEMPTS = 5;

export function transitionTask(
  ctx: EngineContext,
  taskId: string,
  to: TaskStatus,
  payload: TransitionPayload = {},
  options: TransitionOptions = {},
): Promise<Result<Task>> {
  return ctx.queue.run(taskId, () => commitWithRetry(ctx, taskId, to, payload, options));
}

async function commitWithRetry(
  ctx: EngineContext,
  taskId: string,
  to: TaskStatus,
  payload: TransitionPayload,
  options: TransitionOptions,
): Promise<Result<Task>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const written = await fencedWrite(ctx, taskId, async (fence) => {
      const loaded = await ctx.shortTerm.loadTask(taskId);
      if (!loaded) return { kind: "not_found" as const };
      const now = ctx.clock.now();
      const plan = planTransition(loaded.task, to, payload, now, options);
      if (!plan.ok) return { kind: "refused" as const, plan };
      const drafts: EventDraft[] = plan.value.events.map((event) => ({
        id: ctx.ids(),
        timestamp: now,
        ...event,
      }));
      const committed = await ctx.shortTerm.commitTransition({
        taskId,
        expectedRevision: loaded.revision,
        task: plan.value.task,
        events: drafts,
        fence,
      });
      if (!committed.ok && committed.reason === "fenced") return "fenced";
      return { kind: "committed" as const, previous: loaded.task, task: plan.value.task, committed, now };
    });
    if (!written.ok) return written;
    const outcome = written.value;
    if (outcome.kind === "not_found") return taskNotFound(taskId);
    if (outcome.kind === "refused") return outcome.plan;
    const { committed } = outcome;
    if (committed.ok) {
      await afterCommit(ctx, outcome.previous, outcome.task, committed.events, payload, outcome.now);
      return ok(outcome.task);
    }
    if (committed.reason === "not_found") return taskNotFound(taskId);
  }
  return fail("conflict", `Task was modified concurrently, try again: ${taskId}`);
}

async function afterCommit(
  ctx: EngineContext,
  previous: Task,
  task: Task,
  events: TaskEvent[],
  payload: TransitionPayload,
  now: number,
): Promise<void> {
  // The durable task row must exist before its events (PostgreSQL foreign key), so it is
  // awaited; the events themselves are written behind like published ones.
  await ctx.longTerm?.saveTask(task);
  const longTerm = ctx.longTerm;
  const durable = longTerm
    ? events.map((event) =>
        ctx.writeBehind.enqueue(
          task.id,
          () => longTerm.saveEvent(event),
          (error) => ctx.listeners.eventDropped(event, error),
        ),
      )
    : [];
  // The commit stands whatever happens next, so the deadline follows it before broadcasting.
  ctx.ttl?.update(previous, task, payload.ttl !== undefined, now);
  for (const event of events) ctx.listeners.eventCommitted(event);
  for (const event of events) await ctx.broadcast.publish(task.id, event);
  if (ctx.durableBeforeAnswer) await Promise.all(durable);
  ctx.listeners.taskTransitioned(task, previous.status, payload.error);
}
