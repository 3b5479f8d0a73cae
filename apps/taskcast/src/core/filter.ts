/**
 * Which events a subscriber wants (api.md §6.2). An absent list means "everything"; an empty
 * list means "nothing" — `types=` on the query string really does silence a stream.
 */
import { STATUS_EVENT } from "./events.ts";
import type { Level, TaskEvent } from "./types.ts";

/** `*` matches all; `prefix.*` matches `prefix.<anything>` but not `prefix`; anything else is exact. */
export function matchesType(type: string, pattern: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith(".*")) return type.startsWith(pattern.slice(0, -1));
  return type === pattern;
}

export function matchesTypes(type: string, patterns: readonly string[] | undefined): boolean {
  if (patterns === undefined) return true;
  return patterns.some((pattern) => matchesType(type, pattern));
}

export interface EventFilter {
  types?: readonly string[];
  levels?: readonly Level[];
  includeStatus?: boolean;
}

export function matchesFilter(event: Pick<TaskEvent, "type" | "level">, filter: EventFilter): boolean {
  if (filter.includeStatus === false && event.type === STATUS_EVENT) return false;
  if (!matchesTypes(event.type, filter.types)) return false;
  if (filter.levels !== undefined && !filter.levels.includes(event.level)) return false;
  return true;
}
