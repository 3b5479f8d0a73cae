/**
 * What the in-process hot store holds, shared by the store and its lifecycle half so a
 * release or rehydration sees exactly what writers see (one JavaScript thread: no locks).
 */
import type { Task, TaskEvent } from "../../core/types.ts";
import type { StorageLease, WriteFence } from "../lifecycle-ports.ts";
import type { FenceCheck } from "../ports.ts";

export interface TaskRecord {
  task: Task;
  revision: number;
}

export interface EventLog {
  events: TaskEvent[];
  /** Last allocated index; -1 before the first event. */
  lastIndex: number;
  /** seriesId → latest event (latest mode) or accumulated event (accumulate mode). */
  seriesLatest: Map<string, TaskEvent>;
}

export class MemoryHotState {
  readonly tasks = new Map<string, TaskRecord>();
  readonly logs = new Map<string, EventLog>();
  readonly fences = new Map<string, WriteFence>();
  readonly leases = new Map<string, { lease: StorageLease; expiresAt: number }>();

  log(taskId: string): EventLog {
    let log = this.logs.get(taskId);
    if (!log) {
      log = { events: [], lastIndex: -1, seriesLatest: new Map() };
      this.logs.set(taskId, log);
    }
    return log;
  }

  /** A write is refused unless the fence is open at the expected epoch (absent: open at 1). */
  refuses(taskId: string, fence: FenceCheck | undefined): boolean {
    if (!fence) return false;
    const current = this.fences.get(taskId) ?? { acceptingWrites: true, storageEpoch: 1 };
    return !current.acceptingWrites || current.storageEpoch !== fence.storageEpoch;
  }
}
