/**
 * Rehydration (storage.md §6.2): a cold task about to be written is restored into the hot
 * store under the storage lease, at epoch + 1, from PostgreSQL's newest
 * `rehydrateReplayEvents` events and its series state, with indexes continuing after the
 * highest durable one. PostgreSQL then moves cold → hot at the new epoch; if it refuses,
 * the restored copy is removed again. Reads never rehydrate.
 */
import type { DurableLifecycleState, StorageLease } from "../../storage/lifecycle-ports.ts";
import type { EngineContext } from "../engine/context.ts";
import { fail, ok, type Result } from "../errors.ts";
import { type LifecycleContext, leaseTtlMs } from "./context.ts";
import { adoptFence } from "./fencing.ts";

/** Answers false when someone else holds the lease (try again shortly). */
export async function rehydrate(
  ctx: EngineContext,
  lifecycle: LifecycleContext,
  taskId: string,
  seen: DurableLifecycleState,
): Promise<Result<boolean>> {
  const lease: StorageLease = {
    taskId,
    lockToken: ctx.ids(),
    generation: ctx.ids(),
    storageEpoch: seen.storageEpoch,
  };
  if (!(await lifecycle.hot.acquireLease(lease, leaseTtlMs(lifecycle)))) return ok(false);
  try {
    const state = await lifecycle.durable.readState(taskId);
    // Someone rehydrated (or deleted) it while we waited for the lease.
    if (state?.state !== "cold" || state.storageEpoch !== seen.storageEpoch) return ok(true);
    const source = await lifecycle.durable.rehydrationSource(
      taskId,
      lifecycle.settings.rehydrateReplayEvents,
    );
    if (!source) return ok(true);
    const storageEpoch = state.storageEpoch + 1;
    const restored = await lifecycle.hot.restore({
      task: source.task,
      events: source.events,
      series: source.series,
      nextIndex: source.lastIndex + 1,
      storageEpoch,
    });
    if (!restored) {
      if (await adoptFence(lifecycle, taskId, state)) return ok(true);
      return fail("storage_integrity_error", `Cold task still has hot storage: ${taskId}`);
    }
    const moved =
      (await lifecycle.hot.renewLease(lease, leaseTtlMs(lifecycle))) &&
      (await lifecycle.durable.compareAndSetState(taskId, state, {
        state: "hot",
        storageEpoch,
        activeReleaseGeneration: null,
      }));
    if (!moved) {
      // Nobody may write to a copy PostgreSQL does not know about: close it, then remove it.
      await lifecycle.hot.closeFence(taskId, storageEpoch, lease.generation);
      await lifecycle.hot.deleteReleased(taskId, lease.generation);
      return ok(false);
    }
    lifecycle.log("storage_rehydrate", {
      taskId,
      storageEpoch,
      replayedEvents: source.events.length,
      nextIndex: source.lastIndex + 1,
    });
    return ok(true);
  } finally {
    await lifecycle.hot.releaseLease(lease);
  }
}
