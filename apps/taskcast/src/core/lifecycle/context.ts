/**
 * What the hot/cold lifecycle (storage.md §6) needs from the engine: its stores, the
 * `storageLifecycle` settings, this server's writer registration and a log for its
 * payload-free observations.
 */
import type { LifecycleStores } from "../../storage/lifecycle-ports.ts";
import type { WriterHeartbeat } from "./writer-heartbeat.ts";

export interface LifecycleSettings {
  hotRetentionEnabled: boolean;
  hotRetentionTerminalSeconds: number;
  hotRetentionIdleSeconds: number;
  rehydrateReplayEvents: number;
  storageLockTtlSeconds: number;
  ttlSweepBatchSize: number;
}

export const DEFAULT_LIFECYCLE_SETTINGS: LifecycleSettings = {
  hotRetentionEnabled: false,
  hotRetentionTerminalSeconds: 86_400,
  hotRetentionIdleSeconds: 3_600,
  rehydrateReplayEvents: 1_000,
  storageLockTtlSeconds: 30,
  ttlSweepBatchSize: 100,
};

/** `{"component":"storage-lifecycle","event":...}` lines: ids and counts, never payloads. */
export type LifecycleLog = (event: string, fields: Record<string, string | number | boolean | null>) => void;

export interface LifecycleContext extends LifecycleStores {
  settings: LifecycleSettings;
  heartbeat: WriterHeartbeat;
  log: LifecycleLog;
}

export const leaseTtlMs = (lifecycle: LifecycleContext): number =>
  lifecycle.settings.storageLockTtlSeconds * 1000;
