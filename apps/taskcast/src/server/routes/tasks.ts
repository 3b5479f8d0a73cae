/**
 * Tasks (api.md §5): create, list, read, transition. Each handler checks the scope before
 * touching the task, so a caller without the scope gets 403 even for an unknown task.
 */
import type { Hono } from "hono";
import { compact } from "../../core/compact.ts";
import { createTaskSchema, transitionSchema } from "../../core/schemas.ts";
import type { Task } from "../../core/types.ts";
import { requireScope } from "../auth/scopes.ts";
import type { RouteDeps } from "../deps.ts";
import type { TaskcastEnv } from "../env.ts";
import { httpError, orThrow } from "../errors.ts";
import { commaList } from "../query.ts";
import { acceptBody } from "../validation/body.ts";

export function taskRoutes(app: Hono<TaskcastEnv>, { engine, subscribers }: RouteDeps): void {
  /** GET answers carry this process's live-stream counts (api.md §3.1). */
  const enrich = (task: Task) => {
    const subscriberCount = subscribers.count(task.id);
    return { ...task, hot: subscriberCount > 0, subscriberCount };
  };

  app.post("/tasks", async (c) => {
    const input = await acceptBody(c, createTaskSchema, () => requireScope(c.get("auth"), "task:create"));
    const task = orThrow(await engine.createTask(input));
    return c.json(task, 201);
  });

  app.get("/tasks", async (c) => {
    requireScope(c.get("auth"), "event:subscribe");
    const status = c.req.query("status");
    const type = c.req.query("type");
    const tasks = await engine.listTasks({
      statuses: status === undefined ? undefined : commaList(status),
      types: type === undefined ? undefined : [type],
    });
    return c.json({ tasks: tasks.map(enrich) });
  });

  app.get("/tasks/:taskId", async (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "event:subscribe", taskId);
    const task = await engine.getTask(taskId);
    if (!task) throw httpError(404, "Task not found");
    return c.json(enrich(task));
  });

  app.patch("/tasks/:taskId/status", async (c) => {
    const taskId = c.req.param("taskId");
    const input = await acceptBody(c, transitionSchema, () =>
      requireScope(c.get("auth"), "task:manage", taskId),
    );
    const { status, ...payload } = input;
    const task = orThrow(await engine.transition(taskId, status, compact(payload)));
    return c.json(task);
  });
}
