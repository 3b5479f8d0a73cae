/**
 * Recovering a release whose releaser died (storage.md §6.1 step 2): once nobody holds the
 * lease, a finalized archive is completed (hot copy deleted, PostgreSQL → cold); anything
 * else is undone (archive abandoned, fence reopened and PostgreSQL → hot, both at epoch + 1).
 */
import type { DurableLifecycleState, StorageLease } from "../../storage/lifecycle-ports.ts";
import type { EngineContext } from "../engine/context.ts";
import { type LifecycleContext, leaseTtlMs } from "./context.ts";

export async function recoverRelease(
  ctx: EngineContext,
  lifecycle: LifecycleContext,
  taskId: string,
  seen: DurableLifecycleState,
): Promise<void> {
  const generation = seen.activeReleaseGeneration;
  const lease: StorageLease = {
    taskId,
    lockToken: ctx.ids(),
    generation: ctx.ids(),
    storageEpoch: seen.storageEpoch,
  };
  if (!(await lifecycle.hot.acquireLease(lease, leaseTtlMs(lifecycle)))) return;
  try {
    const state = await lifecycle.durable.readState(taskId);
    if (state?.state !== "releasing" || state.activeReleaseGeneration !== generation) return;
    const finalized =
      generation !== null && (await lifecycle.durable.archiveStatus(taskId, generation)) === "finalized";
    if (finalized && generation !== null) {
      await lifecycle.hot.deleteReleased(taskId, generation);
      if ((await lifecycle.hot.readFence(taskId)) === null) {
        await lifecycle.durable.compareAndSetState(taskId, state, {
          state: "cold",
          storageEpoch: state.storageEpoch,
          activeReleaseGeneration: null,
          coldAt: ctx.clock.now(),
        });
        lifecycle.log("storage_release", {
          taskId,
          recovered: true,
          archiveWatermark: state.archiveWatermark,
        });
        return;
      }
    }
    if (generation !== null) await lifecycle.durable.abandonArchive(taskId, generation);
    const storageEpoch = state.storageEpoch + 1;
    await lifecycle.hot.reopenFence(taskId, storageEpoch);
    await lifecycle.durable.compareAndSetState(taskId, state, {
      state: "hot",
      storageEpoch,
      activeReleaseGeneration: null,
    });
    lifecycle.log("storage_release", { taskId, recovered: true, abandoned: true });
  } finally {
    await lifecycle.hot.releaseLease(lease);
  }
}
