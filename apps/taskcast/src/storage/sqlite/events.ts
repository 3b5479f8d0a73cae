/**
 * `taskcast_events`, `taskcast_index_counters` and `taskcast_series_latest`: the event rows
 * both SQLite stores share. Writers call these inside `writeTransaction`.
 */
import type { Database } from "bun:sqlite";
import type { HistoryQuery, TaskEvent } from "../../core/types.ts";
import { EVENT_COLUMNS, type EventRow, eventValues, rowToEvent } from "./rows.ts";

const EVENT_PLACEHOLDERS = EVENT_COLUMNS.split(",")
  .map(() => "?")
  .join(", ");

/** The counter holds the last allocated index (-1 before the first), as the original's does. */
export function allocateIndex(db: Database, taskId: string): number {
  const row = db
    .query<{ counter: number }, [string]>(
      `INSERT INTO taskcast_index_counters (task_id, counter) VALUES (?, 0)
       ON CONFLICT (task_id) DO UPDATE SET counter = counter + 1 RETURNING counter`,
    )
    .get(taskId);
  if (!row) throw new Error(`index allocation returned nothing for task ${taskId}`);
  return row.counter;
}

export function insertEvent(db: Database, event: TaskEvent): void {
  db.query(`INSERT INTO taskcast_events (${EVENT_COLUMNS}) VALUES (${EVENT_PLACEHOLDERS})`).run(
    ...eventValues(event),
  );
}

/** Durable writes are idempotent: a second write of the same id is ignored. */
export function insertEventIfAbsent(db: Database, event: TaskEvent): void {
  db.query(`INSERT OR IGNORE INTO taskcast_events (${EVENT_COLUMNS}) VALUES (${EVENT_PLACEHOLDERS})`).run(
    ...eventValues(event),
  );
}

/**
 * Overwrites the row holding the series' latest-mode entry, keeping its rowid and so its
 * place in list order. The row is found by the previous latest's id, else as the newest
 * latest-mode row of the series: the original keeps the first row's id when it replaces, so
 * after it wrote, the series-latest id may not be in the table.
 */
export function replaceLatestRow(db: Database, previousId: string | undefined, event: TaskEvent): boolean {
  const target = db
    .query<{ rowid: number }, [string, string, string, string]>(
      `SELECT rowid FROM taskcast_events WHERE task_id = ? AND (id = ? OR (series_id = ? AND series_mode = ?))
       ORDER BY (id = ?2) DESC, rowid DESC LIMIT 1`,
    )
    .get(event.taskId, previousId ?? "", event.seriesId ?? "", "latest");
  if (!target) return false;
  db.query(
    `UPDATE taskcast_events SET ${EVENT_COLUMNS.split(", ")
      .map((c) => `${c} = ?`)
      .join(", ")} WHERE rowid = ?`,
  ).run(...eventValues(event), target.rowid);
  return true;
}

export function readSeriesLatest(db: Database, taskId: string, seriesId: string): TaskEvent | undefined {
  const row = db
    .query<{ event_json: string }, [string, string]>(
      "SELECT event_json FROM taskcast_series_latest WHERE task_id = ? AND series_id = ?",
    )
    .get(taskId, seriesId);
  return row ? (JSON.parse(row.event_json) as TaskEvent) : undefined;
}

export function writeSeriesLatest(db: Database, event: TaskEvent): void {
  db.query(
    `INSERT INTO taskcast_series_latest (task_id, series_id, event_json) VALUES (?, ?, ?)
     ON CONFLICT (task_id, series_id) DO UPDATE SET event_json = excluded.event_json`,
  ).run(event.taskId, event.seriesId ?? "", JSON.stringify(event));
}

export function allSeriesLatest(db: Database, taskId: string): TaskEvent[] {
  return db
    .query<{ event_json: string }, [string]>(
      "SELECT event_json FROM taskcast_series_latest WHERE task_id = ? ORDER BY rowid",
    )
    .all(taskId)
    .map((row) => JSON.parse(row.event_json) as TaskEvent);
}

/**
 * History in `rowid` order (list order: a latest-mode replacement keeps its row's place, as in
 * Redis) or `idx` order (the durable view, the original's `ORDER BY idx`). Cursors follow
 * `applyHistoryQuery`: id, then index, then timestamp, exclusive; an unknown id filters nothing.
 */
export function readEvents(
  db: Database,
  taskId: string,
  order: "rowid" | "idx",
  query: HistoryQuery = {},
): TaskEvent[] {
  const since = query.since;
  const params: Array<string | number> = [taskId];
  let cursor = "";
  if (since?.id !== undefined) {
    cursor = `AND ${order} > COALESCE((SELECT ${order} FROM taskcast_events WHERE task_id = ? AND id = ?), -1)`;
    params.push(taskId, since.id);
  } else if (since?.index !== undefined) {
    if (Number.isNaN(since.index)) return [];
    cursor = "AND idx > ?";
    params.push(since.index);
  } else if (since?.timestamp !== undefined) {
    if (Number.isNaN(since.timestamp)) return [];
    cursor = "AND timestamp > ?";
    params.push(since.timestamp);
  }
  let limit = "";
  if (query.limit !== undefined && Number.isFinite(query.limit) && query.limit > 0) {
    limit = "LIMIT ?";
    params.push(Math.floor(query.limit));
  }
  return db
    .query<EventRow, Array<string | number>>(
      `SELECT * FROM taskcast_events WHERE task_id = ? ${cursor} ORDER BY ${order} ${limit}`,
    )
    .all(...params)
    .map(rowToEvent);
}
