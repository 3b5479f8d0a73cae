/**
 * Storage release (storage.md §6.1, api.md `POST /tasks/{id}/storage/release`): prove that
 * PostgreSQL holds everything the hot store has for a task, then delete the hot copy. The
 * steps run under the storage lease and each one is fenced, so a concurrent writer either
 * lands before the fence closes (and the release fails its precondition) or waits and
 * finds the task cold (and rehydrates it).
 */
import type { DurableLifecycleState, ReleaseRequest, StorageLease } from "../../storage/lifecycle-ports.ts";
import type { EngineContext } from "../engine/context.ts";
import { fail, ok, type Result, type StorageErrorKind } from "../errors.ts";
import { planArchive } from "./archive-plan.ts";
import { type LifecycleContext, leaseTtlMs } from "./context.ts";
import { adoptFence } from "./fencing.ts";
import { recoverRelease } from "./recovery.ts";

export interface ReleaseInput {
  expectedLastEventIndex: number;
  inactiveSince: number;
}

export interface ReleaseOutcome {
  taskId: string;
  storageState: "cold";
  archiveWatermark: number;
  released: boolean;
}

const BUSY = "Task storage is busy";

export async function releaseTask(
  ctx: EngineContext,
  lifecycle: LifecycleContext,
  taskId: string,
  input: ReleaseInput,
  requestedAt = ctx.clock.now(),
): Promise<Result<ReleaseOutcome>> {
  const request: ReleaseRequest = { requestedAt, ...input };
  if (!(await lifecycle.durable.requestRelease(taskId, request))) return fail("not_found", "Task not found");
  let state = await lifecycle.durable.readState(taskId);
  if (state?.state === "releasing") {
    await recoverRelease(ctx, lifecycle, taskId, state);
    state = await lifecycle.durable.readState(taskId);
  }
  if (state && (await adoptFence(lifecycle, taskId, state)))
    state = await lifecycle.durable.readState(taskId);
  if (!state) return fail("not_found", "Task not found");
  if (state.state === "cold") {
    await lifecycle.durable.clearRelease(taskId, request);
    return ok({ taskId, storageState: "cold", archiveWatermark: state.archiveWatermark, released: false });
  }
  if (state.state !== "hot") return fail("storage_busy", BUSY);
  const lease: StorageLease = {
    taskId,
    lockToken: ctx.ids(),
    generation: ctx.ids(),
    storageEpoch: state.storageEpoch,
  };
  if (!(await lifecycle.hot.acquireLease(lease, leaseTtlMs(lifecycle)))) return fail("storage_busy", BUSY);
  try {
    const readiness = await lifecycle.heartbeat.readiness();
    if (!readiness.releaseReady) {
      const incompatible = readiness.incompatibleWriterIds;
      return fail(
        "storage_unavailable",
        incompatible.length > 0
          ? `Storage release needs every writer at protocol 2: ${incompatible.join(", ")}`
          : "Storage writer registry is not ready",
      );
    }
    return await releaseUnderLease(ctx, lifecycle, state, lease, request);
  } finally {
    await lifecycle.hot.releaseLease(lease);
  }
}

async function releaseUnderLease(
  ctx: EngineContext,
  lifecycle: LifecycleContext,
  state: DurableLifecycleState,
  lease: StorageLease,
  request: ReleaseRequest,
): Promise<Result<ReleaseOutcome>> {
  const { hot, durable } = lifecycle;
  const { taskId, generation } = lease;
  const epoch = state.storageEpoch;
  const renewed = () => hot.renewLease(lease, leaseTtlMs(lifecycle));
  const releasing = { state: "releasing" as const, storageEpoch: epoch, activeReleaseGeneration: generation };

  /** Undoes everything: the archive is abandoned, fence and PostgreSQL reopen at epoch + 1. */
  const abort = async (
    kind: StorageErrorKind,
    message: string,
    clear: boolean,
  ): Promise<Result<ReleaseOutcome>> => {
    await durable.abandonArchive(taskId, generation);
    await hot.reopenFence(taskId, epoch + 1);
    await durable.compareAndSetState(taskId, releasing, {
      state: "hot",
      storageEpoch: epoch + 1,
      activeReleaseGeneration: null,
    });
    if (clear) await durable.clearRelease(taskId, request);
    lifecycle.log("storage_lifecycle_error", { taskId, code: kind });
    return fail(kind, message);
  };

  const high = await hot.closeFence(taskId, epoch, generation);
  if (high === null) return fail("storage_busy", "Task write fence changed before storage release");
  const moved = high !== request.expectedLastEventIndex || (state.lastEventAt ?? -1) > request.inactiveSince;
  if (moved) {
    // The original reopens at epoch + 1; PostgreSQL adopts that epoch right away here.
    await hot.reopenFence(taskId, epoch + 1);
    await durable.compareAndSetState(taskId, state, {
      state: "hot",
      storageEpoch: epoch + 1,
      activeReleaseGeneration: null,
    });
    await durable.clearRelease(taskId, request);
    return fail("storage_precondition_failed", "Task event index changed before storage release");
  }
  if (!(await durable.compareAndSetState(taskId, state, releasing))) {
    await hot.reopenFence(taskId, epoch + 1);
    return fail("storage_busy", BUSY);
  }

  const snapshot = await hot.snapshot(taskId);
  if (!snapshot)
    return abort("storage_integrity_error", `Hot task disappeared during release: ${taskId}`, false);
  const source = snapshot.events.filter((event) => event.index <= high);
  if (source.some((event) => event.timestamp > request.inactiveSince)) {
    return abort("storage_precondition_failed", "Task received events after inactiveSince", true);
  }
  const plan = planArchive(source, snapshot.series, state.archiveWatermark, high);
  if (!(await renewed()) || !(await durable.beginArchive(taskId, generation, epoch, plan.manifest))) {
    return abort("storage_busy", BUSY, false);
  }
  for (const batch of plan.batches) {
    if (!(await renewed()) || !(await durable.archiveBatch(taskId, generation, batch))) {
      return abort("storage_busy", BUSY, false);
    }
  }
  if (!(await renewed()) || !(await durable.finalizeArchive(taskId, generation, snapshot, high))) {
    return abort("storage_busy", BUSY, false);
  }

  const archived = await durable.readState(taskId);
  if (
    archived?.state !== "releasing" ||
    archived.activeReleaseGeneration !== generation ||
    archived.archiveWatermark !== high
  ) {
    lifecycle.log("storage_watermark_mismatch", {
      taskId,
      expected: high,
      actual: archived?.archiveWatermark ?? null,
    });
    return abort(
      "storage_integrity_error",
      "Archive watermark does not match the released hot history",
      false,
    );
  }
  if (!(await renewed()) || !(await hot.deleteReleased(taskId, generation))) {
    return abort("storage_busy", BUSY, false);
  }
  const cold = await durable.compareAndSetState(taskId, releasing, {
    state: "cold",
    storageEpoch: epoch,
    activeReleaseGeneration: null,
    archiveWatermark: high,
    coldAt: ctx.clock.now(),
  });
  // The hot copy is gone and the archive is final: recovery completes it to cold later.
  if (!cold) return fail("storage_integrity_error", `Task storage state changed during release: ${taskId}`);
  await durable.clearRelease(taskId, request);
  lifecycle.log("storage_release", { taskId, archiveWatermark: high, events: source.length });
  return ok({ taskId, storageState: "cold", archiveWatermark: high, released: true });
}
