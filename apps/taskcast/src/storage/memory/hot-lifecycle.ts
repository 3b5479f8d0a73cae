/**
 * The lifecycle half of the in-process hot store (memory + PostgreSQL). Each method runs
 * without awaiting, so it is atomic against every writer of this process, which is all the
 * writers a memory hot store has.
 */
import type {
  HotLifecycleStore,
  HotTaskRestore,
  HotTaskSnapshot,
  StorageLease,
  WriteFence,
} from "../lifecycle-ports.ts";
import type { MemoryHotState } from "./hot-state.ts";

export class MemoryHotLifecycle implements HotLifecycleStore {
  constructor(
    private readonly state: MemoryHotState,
    private readonly now: () => number = Date.now,
  ) {}

  async readFence(taskId: string): Promise<WriteFence | null> {
    const fence = this.state.fences.get(taskId);
    return fence ? { ...fence } : null;
  }

  async lastIndex(taskId: string): Promise<number | null> {
    if (!this.state.tasks.has(taskId)) return null;
    return this.state.logs.get(taskId)?.lastIndex ?? -1;
  }

  async closeFence(taskId: string, storageEpoch: number, generation: string): Promise<number | null> {
    if (!this.state.tasks.has(taskId)) return null;
    const fence = this.state.fences.get(taskId) ?? { acceptingWrites: true, storageEpoch: 1 };
    if (!fence.acceptingWrites || fence.storageEpoch !== storageEpoch) return null;
    this.state.fences.set(taskId, {
      acceptingWrites: false,
      storageEpoch,
      activeReleaseGeneration: generation,
    });
    return this.state.logs.get(taskId)?.lastIndex ?? -1;
  }

  async reopenFence(taskId: string, storageEpoch: number): Promise<void> {
    if (!this.state.tasks.has(taskId)) return;
    this.state.fences.set(taskId, { acceptingWrites: true, storageEpoch, activeReleaseGeneration: null });
  }

  async snapshot(taskId: string): Promise<HotTaskSnapshot | null> {
    const record = this.state.tasks.get(taskId);
    if (!record) return null;
    const log = this.state.logs.get(taskId);
    return structuredClone({
      task: record.task,
      events: log?.events ?? [],
      series: [...(log?.seriesLatest.values() ?? [])],
    });
  }

  async deleteReleased(taskId: string, generation: string): Promise<boolean> {
    const fence = this.state.fences.get(taskId);
    if (!fence || fence.acceptingWrites || fence.activeReleaseGeneration !== generation) return false;
    this.state.tasks.delete(taskId);
    this.state.logs.delete(taskId);
    this.state.fences.delete(taskId);
    return true;
  }

  async restore(restore: HotTaskRestore): Promise<boolean> {
    const id = restore.task.id;
    if (this.state.tasks.has(id) || this.state.logs.has(id) || this.state.fences.has(id)) return false;
    const copy = structuredClone(restore);
    this.state.tasks.set(id, { task: copy.task, revision: 1 });
    this.state.logs.set(id, {
      events: copy.events,
      lastIndex: copy.nextIndex - 1,
      seriesLatest: new Map(copy.series.map((event) => [event.seriesId ?? "", event])),
    });
    this.state.fences.set(id, {
      acceptingWrites: true,
      storageEpoch: copy.storageEpoch,
      activeReleaseGeneration: null,
    });
    return true;
  }

  async acquireLease(lease: StorageLease, ttlMs: number): Promise<boolean> {
    const held = this.state.leases.get(lease.taskId);
    if (held && held.expiresAt > this.now()) return false;
    this.state.leases.set(lease.taskId, { lease: { ...lease }, expiresAt: this.now() + ttlMs });
    return true;
  }

  async renewLease(lease: StorageLease, ttlMs: number): Promise<boolean> {
    const held = this.state.leases.get(lease.taskId);
    if (!held || held.expiresAt <= this.now() || held.lease.lockToken !== lease.lockToken) return false;
    held.expiresAt = this.now() + ttlMs;
    return true;
  }

  async releaseLease(lease: StorageLease): Promise<void> {
    if (this.state.leases.get(lease.taskId)?.lease.lockToken === lease.lockToken) {
      this.state.leases.delete(lease.taskId);
    }
  }
}
