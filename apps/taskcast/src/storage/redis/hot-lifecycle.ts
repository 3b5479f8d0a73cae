/**
 * The lifecycle half of the Redis hot store (storage.md §3.1, §6) on the original's keys:
 * `P:writeFence`, `P:storageLock`, `P:hotWindow`. Fence changes, the fenced delete and the
 * restore are Lua scripts, so original servers on the same Redis see each step whole.
 */
import type Redis from "ioredis";
import type {
  HotLifecycleStore,
  HotTaskRestore,
  HotTaskSnapshot,
  StorageLease,
  WriteFence,
} from "../lifecycle-ports.ts";
import { decodeEvent, decodeTask } from "./codec.ts";
import { taskKeyList } from "./deletion.ts";
import type { RedisKeys } from "./keys.ts";
import {
  closeFenceScript,
  deleteReleasedScript,
  releaseLeaseScript,
  renewLeaseScript,
  reopenFenceScript,
  restoreScript,
} from "./lifecycle-scripts.ts";

type Reply = [outcome: string, ...rest: Array<string | number>];

const fenceJson = (taskId: string, fence: WriteFence) =>
  JSON.stringify({
    taskId,
    acceptingWrites: fence.acceptingWrites,
    storageEpoch: fence.storageEpoch,
    activeReleaseGeneration: fence.activeReleaseGeneration,
  });

export class RedisHotLifecycle implements HotLifecycleStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async readFence(taskId: string): Promise<WriteFence | null> {
    const raw = await this.redis.get(this.keys.writeFence(taskId));
    if (raw === null) return null;
    const parsed = JSON.parse(raw) as Partial<WriteFence>;
    return {
      acceptingWrites: parsed.acceptingWrites === true,
      storageEpoch: Number(parsed.storageEpoch ?? 1),
      activeReleaseGeneration: parsed.activeReleaseGeneration ?? null,
    };
  }

  async lastIndex(taskId: string): Promise<number | null> {
    const [exists, next] = await Promise.all([
      this.redis.exists(this.keys.task(taskId)),
      this.redis.get(this.keys.index(taskId)),
    ]);
    return exists === 0 ? null : Number(next ?? 0) - 1;
  }

  async closeFence(taskId: string, storageEpoch: number, generation: string): Promise<number | null> {
    const closed = fenceJson(taskId, {
      acceptingWrites: false,
      storageEpoch,
      activeReleaseGeneration: generation,
    });
    const k = this.keys;
    const reply = (await closeFenceScript.run(
      this.redis,
      [k.task(taskId), k.writeFence(taskId), k.index(taskId)],
      [storageEpoch, closed],
    )) as Reply;
    return reply[0] === "OK" ? Number(reply[1]) : null;
  }

  async reopenFence(taskId: string, storageEpoch: number): Promise<void> {
    const open = fenceJson(taskId, { acceptingWrites: true, storageEpoch, activeReleaseGeneration: null });
    await reopenFenceScript.run(this.redis, [this.keys.task(taskId), this.keys.writeFence(taskId)], [open]);
  }

  async snapshot(taskId: string): Promise<HotTaskSnapshot | null> {
    const k = this.keys;
    const replies = await this.redis
      .multi()
      .get(k.task(taskId))
      .lrange(k.events(taskId), 0, -1)
      .hgetall(k.seriesState(taskId))
      .exec();
    const [task, events, series] = (replies ?? []).map(([error, value]) => {
      if (error) throw error;
      return value;
    }) as [string | null, string[], Record<string, string>];
    if (task === null) return null;
    const decoded = (raws: string[]) => raws.flatMap((raw) => decodeEvent(raw) ?? []);
    return { task: decodeTask(task), events: decoded(events), series: decoded(Object.values(series)) };
  }

  async deleteReleased(taskId: string, generation: string): Promise<boolean> {
    const deleted = await deleteReleasedScript.run(this.redis, taskKeyList(this.keys, taskId), [
      taskId,
      this.keys.legacySeries(taskId, ""),
      generation,
    ]);
    return deleted === 1;
  }

  /** Entries are written as `JSON.stringify(event)`, the format every server reads. */
  async restore(restore: HotTaskRestore): Promise<boolean> {
    const { task, events, series } = restore;
    const k = this.keys;
    const id = task.id;
    const listed = new Map(events.map((event) => [event.id, JSON.stringify(event)]));
    const indexes = events.map((event) => event.index);
    const window = {
      firstIndex: indexes.length > 0 ? Math.min(...indexes) : null,
      lastIndex: indexes.length > 0 ? Math.max(...indexes) : null,
    };
    const seriesArgs = series.flatMap((event) => [
      event.seriesId ?? "",
      JSON.stringify(event),
      event.seriesMode === "latest" ? (listed.get(event.id) ?? "") : "",
    ]);
    const restored = await restoreScript.run(
      this.redis,
      [
        k.tasks(),
        k.task(id),
        k.taskStatus(id),
        k.events(id),
        k.index(id),
        k.writeFence(id),
        k.seriesState(id),
        k.seriesListEntries(id),
        k.hotWindow(id),
      ],
      [
        id,
        JSON.stringify(task),
        task.status,
        restore.nextIndex,
        fenceJson(id, {
          acceptingWrites: true,
          storageEpoch: restore.storageEpoch,
          activeReleaseGeneration: null,
        }),
        JSON.stringify(window),
        events.length,
        ...listed.values(),
        ...seriesArgs,
      ],
    );
    return restored === 1;
  }

  async acquireLease(lease: StorageLease, ttlMs: number): Promise<boolean> {
    const value = JSON.stringify({
      taskId: lease.taskId,
      lockToken: lease.lockToken,
      generation: lease.generation,
      storageEpoch: lease.storageEpoch,
    });
    return (await this.redis.set(this.keys.storageLock(lease.taskId), value, "PX", ttlMs, "NX")) === "OK";
  }

  async renewLease(lease: StorageLease, ttlMs: number): Promise<boolean> {
    const renewed = await renewLeaseScript.run(
      this.redis,
      [this.keys.storageLock(lease.taskId)],
      [lease.lockToken, ttlMs],
    );
    return renewed === 1;
  }

  async releaseLease(lease: StorageLease): Promise<void> {
    await releaseLeaseScript.run(this.redis, [this.keys.storageLock(lease.taskId)], [lease.lockToken]);
  }
}
