/** Turning the engine's `lifecycle` option into the context the lifecycle code runs on. */
import type { LifecycleStores } from "../../storage/lifecycle-ports.ts";
import {
  DEFAULT_LIFECYCLE_SETTINGS,
  type LifecycleContext,
  type LifecycleLog,
  type LifecycleSettings,
} from "./context.ts";
import { WriterHeartbeat } from "./writer-heartbeat.ts";

export interface LifecycleOptions {
  stores: LifecycleStores;
  settings?: Partial<LifecycleSettings>;
  /** This server's writer id; default a random UUID per process, as the original. */
  instanceId?: string;
  /** The `build` written into the writer registration. */
  build?: string;
  log?: LifecycleLog;
  /** The worker's tick period, for its failure backoff; default 5 s. */
  intervalMs?: number;
}

export function lifecycleContext(options: LifecycleOptions, now: () => number): LifecycleContext {
  return {
    ...options.stores,
    settings: { ...DEFAULT_LIFECYCLE_SETTINGS, ...options.settings },
    heartbeat: new WriterHeartbeat(
      options.stores.writers,
      options.instanceId ?? crypto.randomUUID(),
      options.build ?? "1.6.1",
      now,
    ),
    log: options.log ?? (() => {}),
  };
}
