/** Creating, reading and listing tasks (core.md §4.1–4.2, api.md GET /tasks). */
import type { TaskListFilter } from "../../storage/ports.ts";
import { compact } from "../compact.ts";
import { fail, ok, type Result } from "../errors.ts";
import type { CreateTaskInput } from "../schemas.ts";
import type { Task } from "../types.ts";
import type { EngineContext } from "./context.ts";

export async function createTask(ctx: EngineContext, input: CreateTaskInput): Promise<Result<Task>> {
  if (input.ttl !== undefined && input.ttl <= 0) {
    return fail("bad_request", `Invalid TTL: ${input.ttl}. TTL must be a positive number.`);
  }
  if (input.cost !== undefined && input.cost < 0) {
    return fail("bad_request", `Invalid cost: ${input.cost}. Cost must be a non-negative number.`);
  }
  const now = ctx.clock.now();
  const task: Task = compact({
    id: input.id ?? ctx.ids(),
    type: input.type,
    status: "pending",
    params: input.params,
    metadata: input.metadata,
    createdAt: now,
    updatedAt: now,
    ttl: input.ttl,
    authConfig: input.authConfig,
    webhooks: input.webhooks,
    cleanup: input.cleanup,
    tags: input.tags,
    assignMode: input.assignMode,
    cost: input.cost,
    disconnectPolicy: input.disconnectPolicy,
  });

  // Explicit ids must be unique across hot and durable stores; the hot insert is the atomic
  // claim, the durable read catches tasks that only live there any more.
  const exists =
    input.id !== undefined && ctx.longTerm !== undefined && (await ctx.longTerm.getTask(task.id));
  if (exists || !(await ctx.shortTerm.createTask(task))) {
    return fail("conflict", `Task already exists: ${task.id}`);
  }
  await ctx.longTerm?.saveTask(task);
  ctx.ttl?.update(undefined, task, false, now);
  ctx.listeners.taskCreated(task);
  return ok(task);
}

/** Hot store first, then the durable store, so tasks that left the hot store stay readable. */
export async function getTask(ctx: EngineContext, taskId: string): Promise<Task | null> {
  return (await ctx.shortTerm.getTask(taskId)) ?? (await ctx.longTerm?.getTask(taskId)) ?? null;
}

/** Hot tasks only, as the original lists them. */
export function listTasks(ctx: EngineContext, filter: TaskListFilter = {}): Promise<Task[]> {
  return ctx.shortTerm.listTasks(filter);
}
