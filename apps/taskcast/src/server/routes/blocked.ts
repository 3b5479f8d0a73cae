/**
 * Answering blocked tasks (api.md §5): `/resolve` and `/request`. Neither route is an
 * OpenAPI route in the original, so a malformed body is the handler's own 500.
 */
import type { Hono } from "hono";
import type { JsonValue } from "../../core/types.ts";
import { requireScope } from "../auth/scopes.ts";
import type { RouteDeps } from "../deps.ts";
import type { TaskcastEnv } from "../env.ts";
import { httpError, INTERNAL, orThrow } from "../errors.ts";
import { parseJsonBody } from "../validation/body.ts";

export function blockedRoutes(app: Hono<TaskcastEnv>, { engine }: RouteDeps): void {
  app.post("/tasks/:taskId/resolve", async (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "task:resolve", taskId);
    const task = await engine.getTask(taskId);
    if (!task) throw httpError(404, "Task not found");
    if (task.status !== "blocked") throw httpError(400, "Task is not blocked");
    const body = await parseJsonBody(c, "handler");
    return c.json(orThrow(await engine.resolve(taskId, resolutionData(body))));
  });

  app.get("/tasks/:taskId/request", async (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "task:resolve", taskId);
    const request = orThrow(await engine.getBlockedRequest(taskId));
    return c.json({ type: request.type, data: request.data });
  });
}

/** `body.data`; a body that is not an object simply has none (`null` fails like the original's property read). */
function resolutionData(body: unknown): JsonValue | undefined {
  if (body === null) throw INTERNAL();
  if (typeof body !== "object") return undefined;
  return (body as { data?: JsonValue }).data;
}
