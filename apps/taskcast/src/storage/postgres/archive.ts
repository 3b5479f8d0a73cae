/**
 * Archiving a released task into PostgreSQL (storage.md §6.1 step 8): a generation row, one
 * receipt per batch with its events, then the finalize that writes the task, the series state
 * and the watermark. Every step first checks, under the task row's lock, that the row is still
 * `releasing` for this generation, so a superseded releaser writes nothing.
 */
import type { Sql, TransactionSql } from "postgres";
import type { JsonValue, Task, TaskEvent } from "../../core/types.ts";
import type { ArchiveBatch, ArchiveManifest } from "../lifecycle-ports.ts";
import { jsonb } from "./rows.ts";
import { saveSeriesEvent } from "./series.ts";
import { upsertTask } from "./tasks.ts";

type Db = Sql | TransactionSql;

async function holdsGeneration(tx: Db, taskId: string, generation: string): Promise<boolean> {
  const rows = await tx`
    SELECT id FROM taskcast_tasks
    WHERE id = ${taskId} AND storage_state = 'releasing' AND active_release_generation = ${generation}
    FOR UPDATE`;
  return rows.length > 0;
}

export async function beginArchive(
  sql: Sql,
  taskId: string,
  generation: string,
  storageEpoch: number,
  manifest: ArchiveManifest,
): Promise<boolean> {
  const now = Date.now();
  const rows = await sql`
    INSERT INTO taskcast_archive_generations
      (task_id, generation, storage_epoch, target_watermark, manifest, status, created_at, updated_at)
    SELECT id, ${generation}, ${storageEpoch}, ${manifest.targetWatermark},
      ${jsonb(manifest as unknown as JsonValue)}::jsonb, 'uploading', ${now}, ${now}
    FROM taskcast_tasks
    WHERE id = ${taskId} AND storage_state = 'releasing' AND active_release_generation = ${generation}
    ON CONFLICT DO NOTHING
    RETURNING task_id`;
  return rows.length > 0;
}

/**
 * Keep-all events are inserted as they are. A latest/accumulate series keeps one row: its
 * first event is inserted only when the series has no row yet, and the finalize gives that
 * row the series' newest content (the accumulated total for accumulate).
 */
async function archiveEvent(tx: TransactionSql, event: TaskEvent): Promise<void> {
  const mode = event.seriesId !== undefined ? event.seriesMode : undefined;
  if (mode === "latest" || mode === "accumulate") {
    const [row] = await tx`
      SELECT 1 FROM taskcast_events WHERE task_id = ${event.taskId} AND series_id = ${event.seriesId ?? ""}
        AND series_mode = ${mode} LIMIT 1`;
    if (row) return;
  }
  await tx`
    INSERT INTO taskcast_events (id, task_id, idx, timestamp, type, level, data, series_id, series_mode, series_acc_field)
    VALUES (${event.id}, ${event.taskId}, ${event.index}, ${event.timestamp}, ${event.type}, ${event.level},
      ${jsonb(event.data)}::jsonb, ${event.seriesId ?? null}, ${event.seriesMode ?? null}, ${event.seriesAccField ?? null})
    ON CONFLICT DO NOTHING`;
}

export async function archiveBatch(
  sql: Sql,
  taskId: string,
  generation: string,
  batch: ArchiveBatch,
): Promise<boolean> {
  return sql.begin(async (tx) => {
    if (!(await holdsGeneration(tx, taskId, generation))) return false;
    for (const event of batch.events) await archiveEvent(tx, event);
    await tx`
      INSERT INTO taskcast_archive_batches (task_id, generation, ordinal, previous_digest, current_digest,
        source_first_index, source_last_index, source_index_digest, source_series_digest, entry_count,
        created_at, series_coverage)
      VALUES (${taskId}, ${generation}, ${batch.ordinal}, ${batch.previousDigest}, ${batch.currentDigest},
        ${batch.sourceFirstIndex}, ${batch.sourceLastIndex}, ${batch.sourceIndexDigest}, ${batch.sourceSeriesDigest},
        ${batch.events.length}, ${Date.now()}, ${jsonb(batch.seriesCoverage as unknown as JsonValue)}::jsonb)
      ON CONFLICT DO NOTHING`;
    return true;
  });
}

export async function finalizeArchive(
  sql: Sql,
  taskId: string,
  generation: string,
  snapshot: { task: Task; series: TaskEvent[] },
  watermark: number,
): Promise<boolean> {
  if (!(await sql.begin((tx) => holdsGeneration(tx, taskId, generation)))) return false;
  // A terminal row already holding this status is left as is; the hot copy is the same task.
  await upsertTask(sql, snapshot.task);
  for (const event of snapshot.series) {
    if (event.seriesMode === "latest" || event.seriesMode === "accumulate") {
      await saveSeriesEvent(sql, event, event.seriesMode);
    }
  }
  return sql.begin(async (tx) => {
    if (!(await holdsGeneration(tx, taskId, generation))) return false;
    const now = Date.now();
    await tx`
      UPDATE taskcast_archive_generations SET status = 'finalized', finalized_at = ${now}, updated_at = ${now}
      WHERE task_id = ${taskId} AND generation = ${generation} AND status = 'uploading'`;
    await tx`UPDATE taskcast_tasks SET archive_watermark = ${watermark} WHERE id = ${taskId}`;
    return true;
  });
}

export async function abandonArchive(sql: Sql, taskId: string, generation: string): Promise<void> {
  await sql`
    UPDATE taskcast_archive_generations SET status = 'abandoned', updated_at = ${Date.now()}
    WHERE task_id = ${taskId} AND generation = ${generation} AND status = 'uploading'`;
}

export async function archiveStatus(
  sql: Sql,
  taskId: string,
  generation: string,
): Promise<"uploading" | "finalized" | "abandoned" | null> {
  const [row] = await sql<{ status: "uploading" | "finalized" | "abandoned" }[]>`
    SELECT status FROM taskcast_archive_generations WHERE task_id = ${taskId} AND generation = ${generation}`;
  return row?.status ?? null;
}
