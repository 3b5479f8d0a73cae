/** Task list filtering for stores that filter in process (memory; Redis after SMEMBERS). */
import type { TaskListFilter } from "../storage/ports.ts";
import type { Task } from "./types.ts";

const given = <T>(list: readonly T[] | undefined): list is readonly T[] =>
  list !== undefined && list.length > 0;

export function matchesTaskFilter(task: Task, filter: TaskListFilter): boolean {
  if (given(filter.statuses) && !filter.statuses.includes(task.status)) return false;
  if (given(filter.types) && (task.type === undefined || !filter.types.includes(task.type))) return false;
  if (
    given(filter.assignModes) &&
    (task.assignMode === undefined || !filter.assignModes.includes(task.assignMode))
  )
    return false;
  if (filter.excludeTaskIds?.includes(task.id)) return false;
  const tags = task.tags ?? [];
  if (given(filter.tags?.all) && !filter.tags.all.every((tag) => tags.includes(tag))) return false;
  if (given(filter.tags?.any) && !filter.tags.any.some((tag) => tags.includes(tag))) return false;
  if (given(filter.tags?.none) && filter.tags.none.some((tag) => tags.includes(tag))) return false;
  return true;
}

export function filterTasks(tasks: Iterable<Task>, filter: TaskListFilter = {}): Task[] {
  const out: Task[] = [];
  const limit = filter.limit !== undefined && filter.limit > 0 ? filter.limit : Number.POSITIVE_INFINITY;
  for (const task of tasks) {
    if (out.length >= limit) break;
    if (matchesTaskFilter(task, filter)) out.push(task);
  }
  return out;
}
