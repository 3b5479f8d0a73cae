/**
 * Cleanup rules (core.md §9): which terminal tasks a rule applies to and which of their events
 * it removes. The original shipped these helpers without ever running them; the sweeper in
 * `engine/cleanup.ts` applies them. Rules arrive from two places (the server's config and a
 * task's own `cleanup.rules`), so they are parsed here once into typed values.
 */
import { z } from "zod";
import { matchesTypes } from "./filter.ts";
import { isTerminal } from "./state-machine.ts";
import { type CleanupRule, LEVELS, SERIES_MODES, TASK_STATUSES, type Task, type TaskEvent } from "./types.ts";

export const cleanupRuleSchema = z.object({
  name: z.string().optional(),
  match: z
    .object({
      taskTypes: z.array(z.string()).optional(),
      status: z.array(z.enum(TASK_STATUSES)).optional(),
    })
    .optional(),
  trigger: z.object({ afterMs: z.number().nonnegative().optional() }),
  target: z.enum(["all", "events", "task"]),
  eventFilter: z
    .object({
      types: z.array(z.string()).optional(),
      levels: z.array(z.enum(LEVELS)).optional(),
      olderThanMs: z.number().nonnegative().optional(),
      seriesMode: z.array(z.enum(SERIES_MODES)).optional(),
    })
    .optional(),
}) satisfies z.ZodType<CleanupRule>;

/** The rules a task carries; entries that do not parse are skipped rather than failing the sweep. */
export function taskCleanupRules(task: Task): CleanupRule[] {
  return (task.cleanup?.rules ?? []).flatMap((raw) => {
    const parsed = cleanupRuleSchema.safeParse(raw);
    return parsed.success ? [parsed.data] : [];
  });
}

/** A terminal task whose status/type match and whose end lies at least `afterMs` in the past. */
export function matchesCleanupRule(task: Task, rule: CleanupRule, now: number): boolean {
  if (!isTerminal(task.status)) return false;
  if (rule.match?.status && !rule.match.status.includes(task.status)) return false;
  if (rule.match?.taskTypes && (task.type === undefined || !matchesTypes(task.type, rule.match.taskTypes))) {
    return false;
  }
  const endedAt = task.completedAt ?? task.updatedAt;
  return rule.trigger.afterMs === undefined || now - endedAt >= rule.trigger.afterMs;
}

/**
 * The events an `events` rule removes. `olderThanMs` counts back from the task's end: only
 * events stamped before `completedAt − olderThanMs` go. Events outside any series pass the
 * `seriesMode` filter, as in the original helper.
 */
export function eventsForCleanup(
  events: readonly TaskEvent[],
  rule: CleanupRule,
  completedAt?: number,
): TaskEvent[] {
  const filter = rule.eventFilter;
  if (!filter) return [...events];
  return events.filter((event) => {
    if (!matchesTypes(event.type, filter.types)) return false;
    if (filter.levels && !filter.levels.includes(event.level)) return false;
    if (filter.seriesMode && event.seriesMode && !filter.seriesMode.includes(event.seriesMode)) return false;
    if (filter.olderThanMs !== undefined && completedAt !== undefined) {
      if (event.timestamp >= completedAt - filter.olderThanMs) return false;
    }
    return true;
  });
}
