/**
 * Running the storage lifecycle in a server process (storage.md §6.3–6.4): the writer
 * heartbeat every 10 s and the lifecycle worker at once and then every sweep interval. Both
 * do nothing when the engine has no lifecycle.
 */
import type { Logger } from "@rt/kit";
import type { TaskcastEngine } from "../core/engine/engine.ts";
import { startScheduler } from "../core/engine/scheduler.ts";
import type { LifecycleLog } from "../core/lifecycle/context.ts";
import { WRITER_HEARTBEAT_MS } from "../core/lifecycle/writer-heartbeat.ts";

/** Ticks and errors are routine at debug/warn; releases and rehydrations are worth an info line. */
export function lifecycleLog(logger: Logger): LifecycleLog {
  return (event, fields) => {
    const line = { component: "storage-lifecycle", event, ...fields };
    if (event === "storage_lifecycle_tick") logger.debug("storage-lifecycle", line);
    else if (event === "storage_lifecycle_error" || event === "storage_watermark_mismatch") {
      logger.warn("storage-lifecycle", line);
    } else logger.info("storage-lifecycle", line);
  };
}

export function startLifecycle(engine: TaskcastEngine, intervalMs: number, logger: Logger): () => void {
  if (!engine.supportsStorageRelease) return () => {};
  const report = (what: string) => (error: unknown) => logger.error(`${what} failed`, { error });
  void engine.writerHeartbeat().catch(report("writer heartbeat"));
  void engine.lifecycleTick().catch(report("storage lifecycle tick"));
  const stopHeartbeat = startScheduler(() => engine.writerHeartbeat(), {
    intervalMs: WRITER_HEARTBEAT_MS,
    onError: report("writer heartbeat"),
  });
  const stopWorker = startScheduler(() => engine.lifecycleTick(), {
    intervalMs,
    onError: report("storage lifecycle tick"),
  });
  return () => {
    stopHeartbeat();
    stopWorker();
  };
}
