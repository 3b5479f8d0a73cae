/** The PostgreSQL half of the hot/cold lifecycle (storage.md §2.2–2.3, §6) on the original's tables. */
import type { Sql } from "postgres";
import type { Task, TaskEvent } from "../../core/types.ts";
import type {
  ArchiveBatch,
  ArchiveManifest,
  DurableLifecycleState,
  DurableLifecycleStore,
  RehydrationSource,
  ReleaseRequest,
  StateChange,
  StateGuard,
} from "../lifecycle-ports.ts";
import { abandonArchive, archiveBatch, archiveStatus, beginArchive, finalizeArchive } from "./archive.ts";
import * as state from "./lifecycle-state.ts";
import { rehydrationSource } from "./rehydration.ts";

export class PostgresLifecycleStore implements DurableLifecycleStore {
  constructor(private readonly sql: Sql) {}

  readState(taskId: string): Promise<DurableLifecycleState | null> {
    return state.readState(this.sql, taskId);
  }
  requestRelease(taskId: string, request: ReleaseRequest): Promise<boolean> {
    return state.requestRelease(this.sql, taskId, request);
  }
  clearRelease(taskId: string, request: ReleaseRequest): Promise<void> {
    return state.clearRelease(this.sql, taskId, request);
  }
  compareAndSetState(taskId: string, guard: StateGuard, next: StateChange): Promise<boolean> {
    return state.compareAndSetState(this.sql, taskId, guard, next);
  }
  beginArchive(
    taskId: string,
    generation: string,
    epoch: number,
    manifest: ArchiveManifest,
  ): Promise<boolean> {
    return beginArchive(this.sql, taskId, generation, epoch, manifest);
  }
  archiveBatch(taskId: string, generation: string, batch: ArchiveBatch): Promise<boolean> {
    return archiveBatch(this.sql, taskId, generation, batch);
  }
  finalizeArchive(
    taskId: string,
    generation: string,
    snapshot: { task: Task; series: TaskEvent[] },
    watermark: number,
  ): Promise<boolean> {
    return finalizeArchive(this.sql, taskId, generation, snapshot, watermark);
  }
  abandonArchive(taskId: string, generation: string): Promise<void> {
    return abandonArchive(this.sql, taskId, generation);
  }
  archiveStatus(taskId: string, generation: string) {
    return archiveStatus(this.sql, taskId, generation);
  }
  rehydrationSource(taskId: string, replayEvents: number): Promise<RehydrationSource | null> {
    return rehydrationSource(this.sql, taskId, replayEvents);
  }
  pendingReleases(limit: number): Promise<Array<{ taskId: string; request: ReleaseRequest }>> {
    return state.pendingReleases(this.sql, limit);
  }
  releasableTerminalTasks(updatedBefore: number, limit: number): Promise<string[]> {
    return state.releasableTerminalTasks(this.sql, updatedBefore, limit);
  }
  coldTasksPastDeadline(limit: number): Promise<string[]> {
    return state.coldTasksPastDeadline(this.sql, limit);
  }
}
