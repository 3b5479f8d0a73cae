/**
 * Series rules (core.md §5). Stores call these inside their own critical section so the
 * rule is written once and every adapter applies it identically.
 */
import type { JsonValue, SeriesMode, TaskEvent } from "./types.ts";

export const DEFAULT_ACC_FIELD = "delta";

/** The series an event belongs to, or undefined: both `seriesId` and `seriesMode` must be set. */
export function seriesOf(event: {
  seriesId?: string;
  seriesMode?: SeriesMode;
}): { id: string; mode: SeriesMode } | undefined {
  if (event.seriesId === undefined || event.seriesMode === undefined) return undefined;
  return { id: event.seriesId, mode: event.seriesMode };
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Concatenates the string at `field` when both values are objects holding a string there;
 * in every other case the new data replaces the running value (no merge, no error).
 */
export function accumulateData(previous: JsonValue | undefined, next: JsonValue, field: string): JsonValue {
  if (isObject(previous) && isObject(next)) {
    const before = previous[field];
    const added = next[field];
    if (typeof before === "string" && typeof added === "string") return { ...next, [field]: before + added };
  }
  return next;
}

/**
 * The new series-latest for an accumulate event: the delta event itself carrying the running
 * total, so it has the newest id, index and timestamp.
 */
export function accumulatedEvent(previousLatest: TaskEvent | undefined, delta: TaskEvent): TaskEvent {
  const field = delta.seriesAccField ?? DEFAULT_ACC_FIELD;
  return { ...delta, data: accumulateData(previousLatest?.data, delta.data, field) };
}

/**
 * Replaces each accumulate series with one snapshot at the position of its first occurrence
 * (history with `seriesFormat=accumulated`, SSE replay without a cursor). The snapshot is the
 * store's series-latest when known, else the series' last event in the list. Latest-mode
 * and keep-all events pass through untouched.
 */
export function collapseAccumulateSeries(
  events: readonly TaskEvent[],
  seriesLatest: ReadonlyMap<string, TaskEvent>,
): TaskEvent[] {
  const lastInList = new Map<string, TaskEvent>();
  for (const event of events) {
    const series = seriesOf(event);
    if (series?.mode === "accumulate") lastInList.set(series.id, event);
  }
  const emitted = new Set<string>();
  const out: TaskEvent[] = [];
  for (const event of events) {
    const series = seriesOf(event);
    if (series?.mode !== "accumulate") {
      out.push(event);
      continue;
    }
    if (emitted.has(series.id)) continue;
    emitted.add(series.id);
    const stored = seriesLatest.get(series.id);
    const snapshot = stored?.seriesMode === "accumulate" ? stored : (lastInList.get(series.id) ?? event);
    out.push({ ...snapshot, seriesSnapshot: true });
  }
  return out;
}

/**
 * The series-latest of every latest/accumulate series in a history, as publishing them one
 * by one in index order would have left it (archive import rebuilds it this way).
 */
export function rebuildSeriesLatest(events: readonly TaskEvent[]): TaskEvent[] {
  const latest = new Map<string, TaskEvent>();
  for (const event of [...events].sort((a, b) => a.index - b.index)) {
    const series = seriesOf(event);
    if (!series || series.mode === "keep-all") continue;
    latest.set(
      series.id,
      series.mode === "accumulate" ? accumulatedEvent(latest.get(series.id), event) : event,
    );
  }
  return [...latest.values()];
}
