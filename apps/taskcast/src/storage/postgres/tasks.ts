/** `taskcast_tasks` writes and reads with the original's upsert rule (storage.md §2.3). */
import type { Sql } from "postgres";
import { taskErrorJson } from "../../core/events.ts";
import type { Task } from "../../core/types.ts";
import { jsonb, rowToTask, type TaskRow } from "./rows.ts";

/** Milliseconds on the database clock, which durable TTL deadlines are measured against. */
const DB_NOW_MS = "(EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint";
const NO_DEADLINE_STATUSES = "('paused', 'completed', 'failed', 'timeout', 'cancelled')";
const TERMINAL_STATUSES = "('completed', 'failed', 'timeout', 'cancelled')";

/**
 * Insert, or update only the columns a transition may change. The durable TTL deadline
 * (core.md §6) is kept while unchanged, restarted after a pause, a ttl change or when unset,
 * and cleared while paused or terminal. A terminal row is never moved to another status:
 * then no row comes back.
 */
export async function upsertTask(sql: Sql, task: Task): Promise<boolean> {
  const rows = await sql`
    INSERT INTO taskcast_tasks (
      id, type, status, params, result, error, metadata, auth_config, webhooks, cleanup,
      created_at, updated_at, completed_at, ttl, tags, assign_mode, cost, assigned_worker,
      disconnect_policy, execution_deadline_at
    ) VALUES (
      ${task.id}, ${task.type ?? null}, ${task.status}, ${jsonb(task.params)}::jsonb,
      ${jsonb(task.result)}::jsonb, ${jsonb(task.error && taskErrorJson(task.error))}::jsonb, ${jsonb(task.metadata)}::jsonb,
      ${jsonb(task.authConfig)}::jsonb, ${jsonb(task.webhooks)}::jsonb, ${jsonb(task.cleanup)}::jsonb,
      ${task.createdAt}, ${task.updatedAt}, ${task.completedAt ?? null}, ${task.ttl ?? null},
      ${jsonb(task.tags)}::jsonb, ${task.assignMode ?? null}, ${task.cost ?? null},
      ${task.assignedWorker ?? null}, ${task.disconnectPolicy ?? null},
      CASE WHEN ${task.ttl ?? null}::integer IS NOT NULL AND ${task.status}::text NOT IN ${sql.unsafe(NO_DEADLINE_STATUSES)}
        THEN ${sql.unsafe(DB_NOW_MS)} + ${task.ttl ?? null}::bigint * 1000 END
    )
    ON CONFLICT (id) DO UPDATE SET
      status = EXCLUDED.status,
      result = EXCLUDED.result,
      error = EXCLUDED.error,
      metadata = EXCLUDED.metadata,
      updated_at = EXCLUDED.updated_at,
      completed_at = EXCLUDED.completed_at,
      ttl = EXCLUDED.ttl,
      tags = EXCLUDED.tags,
      assign_mode = EXCLUDED.assign_mode,
      cost = EXCLUDED.cost,
      assigned_worker = EXCLUDED.assigned_worker,
      disconnect_policy = EXCLUDED.disconnect_policy,
      execution_deadline_at = CASE
        WHEN EXCLUDED.ttl IS NULL OR EXCLUDED.status IN ${sql.unsafe(NO_DEADLINE_STATUSES)} THEN NULL
        WHEN taskcast_tasks.execution_deadline_at IS NULL OR taskcast_tasks.status = 'paused'
          OR taskcast_tasks.ttl IS DISTINCT FROM EXCLUDED.ttl THEN EXCLUDED.execution_deadline_at
        ELSE taskcast_tasks.execution_deadline_at END,
      task_version = taskcast_tasks.task_version + 1,
      ttl_claim_token = NULL,
      ttl_claim_until = NULL
    WHERE taskcast_tasks.status NOT IN ${sql.unsafe(TERMINAL_STATUSES)} OR taskcast_tasks.status = EXCLUDED.status
    RETURNING id`;
  return rows.length > 0;
}

export async function selectTask(sql: Sql, taskId: string): Promise<Task | null> {
  const [row] = await sql<TaskRow[]>`
    SELECT id, type, status, params, result, error, metadata, auth_config, webhooks, cleanup,
      created_at, updated_at, completed_at, ttl, tags, assign_mode, cost, assigned_worker, disconnect_policy
    FROM taskcast_tasks WHERE id = ${taskId}`;
  return row ? rowToTask(row) : null;
}
