/** The SSE routes (api.md §6, §7): scope first, then the task must exist, then the stream. */
import type { Hono } from "hono";
import { requireScope } from "../auth/scopes.ts";
import type { RouteDeps } from "../deps.ts";
import type { TaskcastEnv } from "../env.ts";
import { httpError } from "../errors.ts";
import { globalStreamResponse } from "../sse/global-stream.ts";
import { parseEventFilter, parseTaskStreamQuery } from "../sse/query.ts";
import { taskStreamResponse } from "../sse/task-stream.ts";

export interface StreamOptions {
  /**
   * Aborted when the server closes, ending every stream. The request's own signal is not
   * used: the stream's cancel already notices a client that leaves, and touching
   * `request.signal` makes Bun build one per request (about 500 bytes per idle stream).
   */
  signal: AbortSignal;
  keepaliveMs: number;
}

export function streamRoutes(app: Hono<TaskcastEnv>, deps: RouteDeps, options: StreamOptions): void {
  app.get("/tasks/:taskId/events", async (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "event:subscribe", taskId);
    if (!(await deps.engine.getTask(taskId))) throw httpError(404, "Task not found");
    const query = parseTaskStreamQuery((name) => c.req.query(name));
    return taskStreamResponse(deps, taskId, query, options.signal);
  });

  app.get("/events", (c) => {
    requireScope(c.get("auth"), "event:subscribe");
    const filter = parseEventFilter((name) => c.req.query(name));
    return globalStreamResponse(deps.engine, filter, options.signal, options.keepaliveMs, deps.subscribers);
  });
}
