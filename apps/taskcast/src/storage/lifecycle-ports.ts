/**
 * Ports of the hot/cold storage lifecycle (storage.md §6), used only when PostgreSQL backs a
 * memory or Redis hot store. State lives in two places that must agree before anything is
 * written: the durable row (`storage_state`, `storage_epoch`, `active_release_generation`)
 * and the hot write fence (`acceptingWrites`, `storageEpoch`, `activeReleaseGeneration`).
 * Original servers sharing the same Redis and PostgreSQL follow the same rules, so each
 * method is one atomic step in its store (Lua script, conditional UPDATE, transaction).
 */
import type { SeriesMode, Task, TaskEvent } from "../core/types.ts";

export interface WriteFence {
  acceptingWrites: boolean;
  storageEpoch: number;
  activeReleaseGeneration: string | null;
}

/** The hot storage lease (`P:storageLock:<id>`): only its holder releases or rehydrates. */
export interface StorageLease {
  taskId: string;
  lockToken: string;
  generation: string;
  storageEpoch: number;
}

export interface HotTaskSnapshot {
  task: Task;
  /** The whole hot list, in list order. */
  events: TaskEvent[];
  /** The series-latest of each latest/accumulate series. */
  series: TaskEvent[];
}

export interface HotTaskRestore {
  task: Task;
  events: TaskEvent[];
  series: TaskEvent[];
  /** The index the next event gets. */
  nextIndex: number;
  /** The fence is restored open at this epoch. */
  storageEpoch: number;
}

/** The hot store's half: fence, lease, snapshot, fenced delete and restore (memory, Redis). */
export interface HotLifecycleStore {
  /** Null when the task has no fence (not hot, or written before fences existed). */
  readFence(taskId: string): Promise<WriteFence | null>;
  /** Last allocated index, −1 before the first event; null when the task is not hot. */
  lastIndex(taskId: string): Promise<number | null>;
  /**
   * Closes the fence for `generation` if it is open at `storageEpoch` (a missing fence counts
   * as open at epoch 1); answers the high watermark (last allocated index), else null.
   */
  closeFence(taskId: string, storageEpoch: number, generation: string): Promise<number | null>;
  /** Opens the fence at `storageEpoch` with no generation, if the task is still hot. */
  reopenFence(taskId: string, storageEpoch: number): Promise<void>;
  snapshot(taskId: string): Promise<HotTaskSnapshot | null>;
  /** Deletes every hot key of the task, only while its fence is closed for `generation`. */
  deleteReleased(taskId: string, generation: string): Promise<boolean>;
  /** Writes a cold task back; false (and nothing written) when any of its keys still exists. */
  restore(restore: HotTaskRestore): Promise<boolean>;
  /** Takes the lease when nobody holds it (expires after `ttlMs`). */
  acquireLease(lease: StorageLease, ttlMs: number): Promise<boolean>;
  /** Extends the lease; false when it expired or someone else holds it now. */
  renewLease(lease: StorageLease, ttlMs: number): Promise<boolean>;
  releaseLease(lease: StorageLease): Promise<void>;
}

/** `P:storageWriter:<instanceId>` (storage.md §6.4). */
export interface WriterRecord {
  instanceId: string;
  storageProtocolVersion: number;
  build: string;
  expiresAt: number;
}

/** Every server writing the hot store announces itself here; release waits for all to speak v2. */
export interface WriterRegistry {
  register(writer: WriterRecord, ttlMs: number): Promise<void>;
  /** Live writers; expired entries are pruned. */
  list(): Promise<WriterRecord[]>;
}

export type StorageState = "hot" | "releasing" | "cold";

export interface ReleaseRequest {
  requestedAt: number;
  expectedLastEventIndex: number;
  inactiveSince: number;
}

export interface DurableLifecycleState {
  state: StorageState;
  storageEpoch: number;
  activeReleaseGeneration: string | null;
  archiveWatermark: number;
  lastEventAt: number | null;
  release: ReleaseRequest | null;
}

/** What a compare-and-set expects (generation compared with IS NOT DISTINCT FROM). */
export type StateGuard = Pick<DurableLifecycleState, "state" | "storageEpoch" | "activeReleaseGeneration">;

export interface StateChange extends StateGuard {
  archiveWatermark?: number;
  /** Set when moving to cold; cleared otherwise. */
  coldAt?: number | null;
}

export interface ArchiveManifest {
  priorWatermark: number;
  targetWatermark: number;
  sourceEntryCount: number;
  sourceDigest: string;
  seriesStateDigest: string;
  expectedBatchOrdinals: number[];
}

export interface SeriesCoverage {
  seriesId: string;
  mode: Exclude<SeriesMode, "keep-all">;
  throughIndex: number;
}

/** One receipt of ≤1000 archived events, chained to the previous one by digest. */
export interface ArchiveBatch {
  ordinal: number;
  previousDigest: string | null;
  currentDigest: string;
  sourceFirstIndex: number | null;
  sourceLastIndex: number | null;
  sourceIndexDigest: string;
  sourceSeriesDigest: string;
  seriesCoverage: SeriesCoverage[];
  events: TaskEvent[];
}

export interface RehydrationSource {
  task: Task;
  /** The newest durable events, series rows replaced by their series state, by index. */
  events: TaskEvent[];
  series: TaskEvent[];
  /** Highest index the durable store knows (events, series state, watermark). */
  lastIndex: number;
}

/** The durable store's half (PostgreSQL). */
export interface DurableLifecycleStore {
  readState(taskId: string): Promise<DurableLifecycleState | null>;
  /** Persists the request; false for an unknown task. */
  requestRelease(taskId: string, request: ReleaseRequest): Promise<boolean>;
  /** Clears the request only if it is still this one. */
  clearRelease(taskId: string, request: ReleaseRequest): Promise<void>;
  compareAndSetState(taskId: string, guard: StateGuard, next: StateChange): Promise<boolean>;
  /** The archive steps answer false when the row is no longer `releasing` for `generation`. */
  beginArchive(
    taskId: string,
    generation: string,
    storageEpoch: number,
    manifest: ArchiveManifest,
  ): Promise<boolean>;
  archiveBatch(taskId: string, generation: string, batch: ArchiveBatch): Promise<boolean>;
  /** Writes the hot task and series state, sets the watermark, marks the generation finalized. */
  finalizeArchive(
    taskId: string,
    generation: string,
    snapshot: { task: Task; series: TaskEvent[] },
    watermark: number,
  ): Promise<boolean>;
  abandonArchive(taskId: string, generation: string): Promise<void>;
  archiveStatus(taskId: string, generation: string): Promise<"uploading" | "finalized" | "abandoned" | null>;
  rehydrationSource(taskId: string, replayEvents: number): Promise<RehydrationSource | null>;
  pendingReleases(limit: number): Promise<Array<{ taskId: string; request: ReleaseRequest }>>;
  /** Hot terminal tasks last updated at or before `updatedBefore`. */
  releasableTerminalTasks(updatedBefore: number, limit: number): Promise<string[]>;
  /** Cold, unfinished tasks whose durable TTL deadline has passed. */
  coldTasksPastDeadline(limit: number): Promise<string[]>;
}

/** What a server needs to run the lifecycle; present only with PostgreSQL behind memory or Redis. */
export interface LifecycleStores {
  hot: HotLifecycleStore;
  durable: DurableLifecycleStore;
  writers: WriterRegistry;
}
