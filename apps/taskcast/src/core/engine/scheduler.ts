/**
 * Time-driven work (core.md §6): blocked tasks whose `resumeAt` has passed go back to
 * `running`; tasks past their TTL deadline become `timeout`. `tick()` does one pass using the
 * engine's clock, so tests drive it with a ManualClock; `startScheduler` runs it on a timer.
 */
import { isTerminal } from "../state-machine.ts";
import { TASK_STATUSES } from "../types.ts";
import type { EngineContext } from "./context.ts";
import { transitionTask } from "./transitions.ts";

export interface TickReport {
  resumed: string[];
  timedOut: string[];
}

const LIVE_STATUSES = TASK_STATUSES.filter((status) => !isTerminal(status));

export async function tick(ctx: EngineContext): Promise<TickReport> {
  const report: TickReport = { resumed: [], timedOut: [] };
  const now = ctx.clock.now();
  const live = await ctx.shortTerm.listTasks({ statuses: LIVE_STATUSES });
  for (const task of live) ctx.ttl?.adopt(task);

  for (const taskId of ctx.ttl?.due(now) ?? []) {
    const result = await transitionTask(ctx, taskId, "timeout", {}, { clearAssignment: true });
    if (result.ok) report.timedOut.push(taskId);
    // Gone or already finished elsewhere: nothing left to time out.
    else ctx.ttl?.clear(taskId);
  }

  for (const task of live) {
    if (task.status !== "blocked" || task.resumeAt === undefined || task.resumeAt > now) continue;
    // Errors are ignored: someone may have resolved or cancelled it in the meantime.
    const result = await transitionTask(ctx, task.id, "running");
    if (result.ok) report.resumed.push(task.id);
  }
  return report;
}

/** Starts calling `callback` every `ms`; answers a function that stops it. */
export type IntervalTimer = (callback: () => void, ms: number) => () => void;

const systemInterval: IntervalTimer = (callback, ms) => {
  const handle = setInterval(callback, ms);
  return () => clearInterval(handle);
};

/** The original checks every 60 s by default and never more often than every 100 ms. */
export const DEFAULT_TICK_MS = 60_000;
export const MIN_TICK_MS = 100;

/** Runs `runTick` every `intervalMs`, skipping a beat rather than overlapping a slow pass. */
export function startScheduler(
  runTick: () => Promise<unknown>,
  options: { intervalMs?: number; timer?: IntervalTimer; onError?: (error: unknown) => void } = {},
): () => void {
  const timer = options.timer ?? systemInterval;
  let running = false;
  return timer(
    () => {
      if (running) return;
      running = true;
      runTick()
        .catch((error: unknown) => options.onError?.(error))
        .finally(() => {
          running = false;
        });
    },
    Math.max(MIN_TICK_MS, options.intervalMs ?? DEFAULT_TICK_MS),
  );
}
