/**
 * History cursors for list-shaped stores (memory, Redis, SQLite): the first present of
 * `since.id`, `since.index`, `since.timestamp` wins, then the first `limit` events are kept.
 */
import type { HistoryQuery, TaskEvent } from "./types.ts";

export function applyHistoryQuery(events: readonly TaskEvent[], query: HistoryQuery = {}): TaskEvent[] {
  const since = query.since;
  let selected: readonly TaskEvent[] = events;
  if (since?.id !== undefined) {
    // Position, not index: latest-mode replacement leaves lists unsorted, and "after this
    // event" means after it in the list. An unknown id filters nothing.
    const position = events.findIndex((event) => event.id === since.id);
    if (position >= 0) selected = events.slice(position + 1);
  } else if (since?.index !== undefined) {
    const after = since.index;
    selected = events.filter((event) => event.index > after);
  } else if (since?.timestamp !== undefined) {
    const after = since.timestamp;
    selected = events.filter((event) => event.timestamp > after);
  }
  const limit = query.limit;
  if (limit !== undefined && Number.isFinite(limit) && limit > 0) return selected.slice(0, limit);
  return [...selected];
}
