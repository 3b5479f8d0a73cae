/**
 * Applying cleanup rules (core.md §9), which the original accepted and never ran. A pass
 * looks at terminal tasks in the hot store; `all` and `task` delete the task with its events
 * (an event cannot outlive its task: PostgreSQL's foreign key cascades), `events` deletes the
 * events its filter selects. Both stores are cleaned, the durable one after its queued writes
 * have landed so a late write cannot bring a deleted event back.
 */
import { eventsForCleanup, matchesCleanupRule, taskCleanupRules } from "../cleanup.ts";
import type { CleanupRule, Task, TaskEvent } from "../types.ts";
import { TERMINAL_STATUSES } from "../types.ts";
import type { EngineContext } from "./context.ts";

export interface CleanupReport {
  tasksDeleted: string[];
  eventsDeleted: number;
}

export async function runCleanup(
  ctx: EngineContext,
  serverRules: readonly CleanupRule[],
  applied: Set<string>,
): Promise<CleanupReport> {
  const report: CleanupReport = { tasksDeleted: [], eventsDeleted: 0 };
  const now = ctx.clock.now();
  const terminal = await ctx.shortTerm.listTasks({ statuses: TERMINAL_STATUSES });
  const due = terminal.flatMap((task) => {
    const own = taskCleanupRules(task);
    const rules = (own.length > 0 ? own : serverRules).filter((rule) => matchesCleanupRule(task, rule, now));
    return rules.length > 0 ? [{ task, rules }] : [];
  });
  if (due.length === 0) return report;
  await ctx.writeBehind.settle();

  for (const { task, rules } of due) {
    for (const rule of rules) {
      if (rule.target !== "events") {
        await deleteTask(ctx, task.id);
        for (const key of [...applied]) if (key.startsWith(`${task.id}\u0000`)) applied.delete(key);
        report.tasksDeleted.push(task.id);
        break;
      }
      const key = `${task.id}\u0000${JSON.stringify(rule)}`;
      if (applied.has(key)) continue;
      report.eventsDeleted += await deleteEvents(ctx, task, rule);
      applied.add(key);
    }
  }
  return report;
}

async function deleteTask(ctx: EngineContext, taskId: string): Promise<void> {
  await ctx.shortTerm.deleteTask(taskId);
  await ctx.longTerm?.deleteTask(taskId);
  ctx.ttl?.clear(taskId);
}

async function deleteEvents(ctx: EngineContext, task: Task, rule: CleanupRule): Promise<number> {
  const hot = await ctx.shortTerm.getEvents(task.id);
  const durable = (await ctx.longTerm?.getEvents(task.id)) ?? [];
  const byId = new Map<string, TaskEvent>([...durable, ...hot].map((event) => [event.id, event]));
  const ids = eventsForCleanup([...byId.values()], rule, task.completedAt).map((event) => event.id);
  if (ids.length === 0) return 0;
  const removedHot = await ctx.shortTerm.deleteEvents(task.id, ids);
  const removedDurable = (await ctx.longTerm?.deleteEvents(task.id, ids)) ?? 0;
  return Math.max(removedHot, removedDurable);
}
