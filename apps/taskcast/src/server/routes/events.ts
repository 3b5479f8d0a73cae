/**
 * Publishing and reading a task's events (api.md §5). A body may be one event or an array;
 * arrays are published in order and stop at the first failure, earlier events staying
 * published. On the JSON path the whole array is validated up front (the original's
 * OpenAPI union); without a JSON content type each item is validated just before it is
 * published, as the original's handler did.
 */
import type { Hono } from "hono";
import { type PublishEventInput, publishBodySchema, publishEventSchema } from "../../core/schemas.ts";
import type { HistorySince, TaskEvent } from "../../core/types.ts";
import { requireScope } from "../auth/scopes.ts";
import type { RouteDeps } from "../deps.ts";
import type { TaskcastEnv } from "../env.ts";
import { orThrow } from "../errors.ts";
import { positiveLimit } from "../query.ts";
import { bodyPath, parseJsonBody, validateBody } from "../validation/body.ts";

export function eventRoutes(app: Hono<TaskcastEnv>, { engine }: RouteDeps): void {
  const publishAll = async (taskId: string, inputs: readonly PublishEventInput[]): Promise<TaskEvent[]> =>
    orThrow(await engine.publishEvents(taskId, inputs));

  app.post("/tasks/:taskId/events", async (c) => {
    const taskId = c.req.param("taskId");
    const authorize = () => requireScope(c.get("auth"), "event:publish", taskId);
    const path = bodyPath(c);

    if (path === "validator") {
      const body = validateBody(publishBodySchema, await parseJsonBody(c, path), path);
      authorize();
      if (Array.isArray(body)) return c.json(await publishAll(taskId, body), 201);
      return c.json(orThrow(await engine.publishEvent(taskId, body)), 201);
    }

    authorize();
    const raw = await parseJsonBody(c, path);
    if (!Array.isArray(raw)) {
      const input = validateBody(publishEventSchema, raw, path);
      return c.json(orThrow(await engine.publishEvent(taskId, input)), 201);
    }
    const published: TaskEvent[] = [];
    for (const item of raw) {
      const input = validateBody(publishEventSchema, item, path);
      published.push(orThrow(await engine.publishEvent(taskId, input)));
    }
    return c.json(published, 201);
  });

  app.get("/tasks/:taskId/events/history", async (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "event:history", taskId);
    const events = orThrow(
      await engine.getHistory(taskId, {
        since: historySince(
          c.req.query("since.id"),
          c.req.query("since.index"),
          c.req.query("since.timestamp"),
        ),
        limit: positiveLimit(c.req.query("limit")),
        seriesFormat: c.req.query("seriesFormat") === "accumulated" ? "accumulated" : "delta",
      }),
    );
    return c.json(events);
  });
}

/** History cursors are all passed through; `Number()` makes a non-numeric one match nothing. */
function historySince(id?: string, index?: string, timestamp?: string): HistorySince | undefined {
  if (id === undefined && index === undefined && timestamp === undefined) return undefined;
  const since: HistorySince = {};
  if (id !== undefined) since.id = id;
  if (index !== undefined) since.index = Number(index);
  if (timestamp !== undefined) since.timestamp = Number(timestamp);
  return since;
}
