/**
 * Archive export/import and storage release (api.md §5). Release runs the hot/cold
 * lifecycle (storage.md §6) with PostgreSQL behind memory or Redis; in every other mode it
 * answers, after the original's checks, 503 `storage_release_unsupported` as the original.
 */
import type { Hono } from "hono";
import type { z as zod } from "zod";
import { z } from "zod";
import { exportArchive } from "../archive/export.ts";
import { InvalidTaskArchiveError, normalizeTaskArchive } from "../archive/normalize.ts";
import { importRequestSchema } from "../archive/schema.ts";
import { requireScope } from "../auth/scopes.ts";
import type { RouteDeps } from "../deps.ts";
import type { TaskcastContext, TaskcastEnv } from "../env.ts";
import { httpError, orThrow } from "../errors.ts";
import { bodyPath, parseJsonBody, validateBody } from "../validation/body.ts";

const releaseSchema = z.object({
  expectedLastEventIndex: z.number().int().gte(-1),
  inactiveSince: z.number().int().gte(0),
});

export function archiveRoutes(
  app: Hono<TaskcastEnv>,
  { engine, restorer }: RouteDeps,
  now: () => number,
): void {
  app.get("/tasks/:taskId/archive", async (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "event:history", taskId);
    return c.json(orThrow(await exportArchive(engine, taskId, now())));
  });

  app.post("/tasks/import", async (c) => {
    const request = await bodyWithMessage(c, importRequestSchema, "Invalid archive import request", () =>
      requireScope(c.get("auth"), "task:manage"),
    );
    let archive: ReturnType<typeof normalizeTaskArchive>;
    try {
      archive = normalizeTaskArchive(request.archive);
    } catch (error) {
      if (error instanceof InvalidTaskArchiveError) throw httpError(400, error.message);
      throw error;
    }
    if (!restorer) throw httpError(503, "Task archive import is not supported by this adapter");
    const outcome = await restorer.restore(archive, request.overwrite === true);
    if (outcome === "exists") throw httpError(409, `Task already exists: ${archive.task.id}`);
    return c.json({
      ok: true,
      taskId: archive.task.id,
      eventCount: archive.events.length,
      overwritten: outcome === "overwritten",
    });
  });

  app.post("/tasks/:taskId/storage/release", async (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "task:manage", taskId);
    if (!(await engine.getTask(taskId))) throw httpError(404, "Task not found");
    const input = await bodyWithMessage(c, releaseSchema, "Invalid storage release request", () => {});
    return c.json(orThrow(await engine.releaseStorage(taskId, input)));
  });
}

/**
 * Like `acceptBody`, but these handlers answered their own one-line message (not zod's
 * flatten shape) when the validator was skipped.
 */
async function bodyWithMessage<S extends zod.ZodType>(
  c: TaskcastContext,
  schema: S,
  message: string,
  authorize: () => void,
): Promise<zod.output<S>> {
  const path = bodyPath(c);
  if (path === "validator") {
    const value = validateBody(schema, await parseJsonBody(c, path), path);
    authorize();
    return value;
  }
  authorize();
  const parsed = schema.safeParse(await parseJsonBody(c, path));
  if (!parsed.success) throw httpError(400, message);
  return parsed.data;
}
