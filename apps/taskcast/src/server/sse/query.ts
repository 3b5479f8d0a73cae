/** Query parameters of the per-task and global streams, read as the original reads them (api.md §6.2, §7). */
import type { EventFilter } from "../../core/filter.ts";
import { LEVELS, type Level, type SeriesFormat } from "../../core/types.ts";
import { commaList, positiveLimit } from "../query.ts";

type Query = (name: string) => string | undefined;

export interface TaskStreamQuery {
  filter: EventFilter;
  wrap: boolean;
  seriesFormat: SeriesFormat;
  /** Cursor handed to storage: `since.index` never is, and a falsy `since.timestamp` is dropped. */
  storageSince?: { id?: string; timestamp?: number };
  /** Skips replayed events whose filtered index is ≤ this (NaN skips nothing). */
  sinceIndex?: number;
  /** Any `since.*` present: the replay is then not collapsed. */
  hasCursor: boolean;
  limit?: number;
}

/** Unknown level names are dropped: they could never match, so the outcome is the same. */
const levelList = (value: string): Level[] =>
  commaList(value).filter((level): level is Level => (LEVELS as readonly string[]).includes(level));

/** `types` and `levels`; absent means everything, present-but-empty means nothing. */
export function parseEventFilter(query: Query): EventFilter {
  const types = query("types");
  const levels = query("levels");
  const filter: EventFilter = {};
  if (types !== undefined) filter.types = commaList(types);
  if (levels !== undefined) filter.levels = levelList(levels);
  return filter;
}

/** Only the literal `false` turns a default-true flag off. */
const flag = (value: string | undefined): boolean => value !== "false";

export function parseTaskStreamQuery(query: Query): TaskStreamQuery {
  const filter: EventFilter = { ...parseEventFilter(query), includeStatus: flag(query("includeStatus")) };
  const id = query("since.id");
  const index = query("since.index");
  const timestamp = query("since.timestamp");
  const storageSince: { id?: string; timestamp?: number } = {};
  if (id !== undefined) storageSince.id = id;
  if (timestamp !== undefined && Number(timestamp)) storageSince.timestamp = Number(timestamp);
  return {
    filter,
    wrap: flag(query("wrap")),
    seriesFormat: query("seriesFormat") === "accumulated" ? "accumulated" : "delta",
    storageSince: Object.keys(storageSince).length > 0 ? storageSince : undefined,
    sinceIndex: index === undefined ? undefined : Number(index),
    hasCursor: id !== undefined || index !== undefined || timestamp !== undefined,
    limit: positiveLimit(query("limit")),
  };
}
