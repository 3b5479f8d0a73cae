/**
 * `storageLifecycle` (config-cli.md §1.3): the environment overrides the file and every value
 * must be a safe positive integer. `ttlSweepIntervalSeconds` paces TTLs, blocked wake-ups,
 * cleanup rules and the lifecycle worker; the others drive the hot/cold lifecycle, which runs
 * only with PostgreSQL behind memory or Redis.
 */
import type { Env } from "../config/interpolate.ts";
import type { TaskcastConfig } from "../config/schema.ts";
import { CliError } from "../errors.ts";
import { envValue } from "./storage-plan.ts";

export interface StorageLifecycle {
  hotRetentionEnabled: boolean;
  hotRetentionTerminalSeconds: number;
  hotRetentionIdleSeconds: number;
  rehydrateReplayEvents: number;
  storageLockTtlSeconds: number;
  ttlSweepIntervalSeconds: number;
  ttlSweepBatchSize: number;
}

type NumericKey = Exclude<keyof StorageLifecycle, "hotRetentionEnabled">;

const NUMERIC: ReadonlyArray<{ key: NumericKey; env: string; fallback: number; seconds: boolean }> = [
  {
    key: "hotRetentionTerminalSeconds",
    env: "TASKCAST_HOT_RETENTION_TERMINAL_SECONDS",
    fallback: 86_400,
    seconds: true,
  },
  {
    key: "hotRetentionIdleSeconds",
    env: "TASKCAST_HOT_RETENTION_IDLE_SECONDS",
    fallback: 3_600,
    seconds: true,
  },
  { key: "rehydrateReplayEvents", env: "TASKCAST_REHYDRATE_REPLAY_EVENTS", fallback: 1_000, seconds: false },
  { key: "storageLockTtlSeconds", env: "TASKCAST_STORAGE_LOCK_TTL_SECONDS", fallback: 30, seconds: true },
  { key: "ttlSweepIntervalSeconds", env: "TASKCAST_TTL_SWEEP_INTERVAL_SECONDS", fallback: 5, seconds: true },
  { key: "ttlSweepBatchSize", env: "TASKCAST_TTL_SWEEP_BATCH_SIZE", fallback: 100, seconds: false },
];

/** Seconds must still be a safe integer once turned into milliseconds. */
const MAX_SECONDS = Math.floor(Number.MAX_SAFE_INTEGER / 1000);

export function resolveStorageLifecycle(env: Env, config: TaskcastConfig): StorageLifecycle {
  const file = config.storageLifecycle ?? {};
  const enabledRaw = envValue(env, "TASKCAST_HOT_RETENTION_ENABLED");
  if (enabledRaw !== undefined && enabledRaw !== "true" && enabledRaw !== "false") {
    throw new CliError("TASKCAST_HOT_RETENTION_ENABLED must be true or false");
  }
  const resolved: StorageLifecycle = {
    hotRetentionEnabled:
      enabledRaw !== undefined ? enabledRaw === "true" : (file.hotRetentionEnabled ?? false),
    hotRetentionTerminalSeconds: 0,
    hotRetentionIdleSeconds: 0,
    rehydrateReplayEvents: 0,
    storageLockTtlSeconds: 0,
    ttlSweepIntervalSeconds: 0,
    ttlSweepBatchSize: 0,
  };
  for (const { key, env: name, fallback, seconds } of NUMERIC) {
    const raw = envValue(env, name);
    const value =
      raw !== undefined ? (/^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN) : file[key];
    const chosen = value ?? fallback;
    const valid = Number.isSafeInteger(chosen) && chosen > 0 && (!seconds || chosen <= MAX_SECONDS);
    if (!valid) throw new CliError(`${name} must be a positive integer`);
    resolved[key] = chosen;
  }
  return resolved;
}
