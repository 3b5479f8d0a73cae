/**
 * Writing to a task under the hot/cold lifecycle (storage.md §6, core.md §2.2 step 1, §3
 * step 3). A write is allowed only when PostgreSQL says `hot` and the hot fence is open at
 * the same epoch, so every write carries PostgreSQL's epoch and the hot store refuses it
 * otherwise. A cold task is rehydrated first; a release in progress is waited out; a fence
 * ahead of PostgreSQL with no generation (left by a failed release or an interrupted
 * rehydration) is adopted by compare-and-set.
 */
import type { DurableLifecycleState } from "../../storage/lifecycle-ports.ts";
import type { FenceCheck } from "../../storage/ports.ts";
import type { EngineContext } from "../engine/context.ts";
import { fail, ok, type Result } from "../errors.ts";
import type { LifecycleContext } from "./context.ts";
import { recoverRelease } from "./recovery.ts";
import { rehydrate } from "./rehydrate.ts";

/** About 8 s of backoff: long enough to wait out a release of a large task. */
const MAX_ATTEMPTS = 40;
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(250, 10 * 2 ** Math.min(attempt, 5))));

export type Fenced = "fenced";

/**
 * Runs `attempt` with the fence to honour, repeating it while the fence refuses. Without the
 * lifecycle it runs once, unfenced.
 */
export async function fencedWrite<T>(
  ctx: EngineContext,
  taskId: string,
  attempt: (fence: FenceCheck | undefined) => Promise<T | Fenced>,
): Promise<Result<T>> {
  const lifecycle = ctx.lifecycle;
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    const state = lifecycle ? await lifecycle.durable.readState(taskId) : null;
    if (lifecycle && state?.state === "cold") {
      const rehydrated = await rehydrate(ctx, lifecycle, taskId, state);
      if (!rehydrated.ok) return rehydrated;
      if (!rehydrated.value) await pause(i);
      continue;
    }
    if (lifecycle && state?.state === "releasing") {
      // A live releaser holds the lease and finishes soon; a dead one's release is undone.
      await recoverRelease(ctx, lifecycle, taskId, state);
      await pause(i);
      continue;
    }
    // No durable row (not written there yet, or no lifecycle): nothing to fence against.
    const outcome = await attempt(state ? { storageEpoch: state.storageEpoch } : undefined);
    if (outcome !== "fenced") return ok(outcome);
    if (!lifecycle || !state) return fail("storage_busy", `Task storage is busy: ${taskId}`);
    if (!(await adoptFence(lifecycle, taskId, state))) await pause(i);
  }
  return fail("storage_busy", `Task storage is busy: ${taskId}`);
}

/**
 * A fence that is open, has no generation and is ahead of PostgreSQL's epoch was left by a
 * failed release or an interrupted rehydration: PostgreSQL takes its epoch (and `hot`).
 * Answers whether PostgreSQL changed.
 */
export async function adoptFence(
  lifecycle: LifecycleContext,
  taskId: string,
  state: DurableLifecycleState,
): Promise<boolean> {
  if (state.state === "releasing") return false;
  const fence = await lifecycle.hot.readFence(taskId);
  if (!fence?.acceptingWrites || fence.activeReleaseGeneration !== null) return false;
  if (fence.storageEpoch <= state.storageEpoch) return false;
  return lifecycle.durable.compareAndSetState(taskId, state, {
    state: "hot",
    storageEpoch: fence.storageEpoch,
    activeReleaseGeneration: null,
  });
}
