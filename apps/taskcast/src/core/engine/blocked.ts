/** Answering blocked tasks: `/resolve` and `/request` (api.md §5). */
import { fail, ok, type Result } from "../errors.ts";
import { resolutionResult } from "../transition.ts";
import type { BlockedRequest, JsonValue, Task } from "../types.ts";
import type { EngineContext } from "./context.ts";
import { getTask } from "./tasks.ts";
import { transitionTask } from "./transitions.ts";

/** Unblocks the task (`blocked → running`) with `data` as its result, wrapped when not an object. */
export async function resolveTask(
  ctx: EngineContext,
  taskId: string,
  data: JsonValue | undefined,
): Promise<Result<Task>> {
  const task = await getTask(ctx, taskId);
  if (!task) return fail("not_found", "Task not found");
  if (task.status !== "blocked") return fail("bad_request", "Task is not blocked");
  return transitionTask(ctx, taskId, "running", { result: resolutionResult(data) });
}

export async function getBlockedRequest(ctx: EngineContext, taskId: string): Promise<Result<BlockedRequest>> {
  const task = await getTask(ctx, taskId);
  if (!task) return fail("not_found", "Task not found");
  if (task.status !== "blocked" || task.blockedRequest === undefined)
    return fail("not_found", "No blocked request");
  return ok(task.blockedRequest);
}
