/**
 * The `taskcast_tasks` row, shared by the short-term and long-term SQLite stores (one file,
 * one table, as in the original). Callers run these inside `writeTransaction` when a read and
 * a write must be atomic.
 */
import type { Database } from "bun:sqlite";
import { matchesTaskFilter } from "../../core/task-filter.ts";
import { type Task, TERMINAL_STATUSES } from "../../core/types.ts";
import type { TaskListFilter } from "../ports.ts";
import { rowToTask, TASK_COLUMNS, TASK_PLACEHOLDERS, type TaskRow, taskValues } from "./rows.ts";

const UPDATED_COLUMNS = TASK_COLUMNS.split(", ").filter((c) => c !== "id" && c !== "created_at");
const UPDATE_SET = `${UPDATED_COLUMNS.map((c) => `${c} = excluded.${c}`).join(", ")}, task_version = task_version + 1`;
const TERMINAL_LIST = TERMINAL_STATUSES.map((s) => `'${s}'`).join(", ");

export function selectTaskRow(db: Database, taskId: string): TaskRow | null {
  return db.query<TaskRow, [string]>("SELECT * FROM taskcast_tasks WHERE id = ?").get(taskId);
}

/**
 * The whole row, so a write by any server (the original never bumps `task_version`) changes
 * the revision, as the raw task JSON does in Redis.
 */
export function revisionOf(row: TaskRow): string {
  return JSON.stringify(Object.values(row));
}

export function insertTaskIfAbsent(db: Database, task: Task): boolean {
  const sql = `INSERT INTO taskcast_tasks (${TASK_COLUMNS}) VALUES (${TASK_PLACEHOLDERS}) ON CONFLICT (id) DO NOTHING`;
  return db.query(sql).run(...taskValues(task)).changes === 1;
}

export function upsertTask(db: Database, task: Task): void {
  const sql = `INSERT INTO taskcast_tasks (${TASK_COLUMNS}) VALUES (${TASK_PLACEHOLDERS}) ON CONFLICT (id) DO UPDATE SET ${UPDATE_SET}`;
  db.query(sql).run(...taskValues(task));
}

/** Upsert that refuses to turn a terminal row into another status (storage.md §2.3). */
export function upsertTaskUnlessTerminal(db: Database, task: Task): boolean {
  const sql =
    `INSERT INTO taskcast_tasks (${TASK_COLUMNS}) VALUES (${TASK_PLACEHOLDERS}) ON CONFLICT (id) DO UPDATE SET ${UPDATE_SET} ` +
    `WHERE taskcast_tasks.status NOT IN (${TERMINAL_LIST}) OR taskcast_tasks.status = excluded.status`;
  return db.query(sql).run(...taskValues(task)).changes > 0;
}

export function getTask(db: Database, taskId: string): Task | null {
  const row = selectTaskRow(db, taskId);
  return row ? rowToTask(row) : null;
}

/**
 * Status, type, assign mode and exclusions filter in SQL; tags are JSON text, so they and the
 * limit apply afterwards (the original applied LIMIT before the tag filter and could return
 * fewer tasks than asked).
 */
export function listTasks(db: Database, filter: TaskListFilter = {}): Task[] {
  const where: string[] = [];
  const params: string[] = [];
  const inList = (column: string, values: readonly string[] | undefined, negate = false) => {
    if (!values || values.length === 0) return;
    where.push(`${column} ${negate ? "NOT IN" : "IN"} (${values.map(() => "?").join(", ")})`);
    params.push(...values);
  };
  inList("status", filter.statuses);
  inList("type", filter.types);
  inList("assign_mode", filter.assignModes);
  inList("id", filter.excludeTaskIds, true);
  const sql = `SELECT * FROM taskcast_tasks${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY rowid`;
  const limit = filter.limit !== undefined && filter.limit > 0 ? filter.limit : Number.POSITIVE_INFINITY;
  const out: Task[] = [];
  for (const row of db.query<TaskRow, string[]>(sql).iterate(...params)) {
    if (out.length >= limit) break;
    const task = rowToTask(row);
    if (matchesTaskFilter(task, filter)) out.push(task);
  }
  return out;
}
