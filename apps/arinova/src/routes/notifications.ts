/** `/api/notifications/preferences` (rest.md §11). */
import { Hono } from "hono";
import { z } from "zod";
import { parseBody, readBody } from "../http/body.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { sendJson } from "../http/json.ts";
import { readPreferences, savePreferences } from "../notifications/preferences.ts";
import type { RouteDeps } from "./deps.ts";

const clock = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .nullable();

// Every key is required, as in the original.
const preferencesBody = z.object({
  globalEnabled: z.boolean(),
  messageEnabled: z.boolean(),
  playgroundInviteEnabled: z.boolean(),
  playgroundTurnEnabled: z.boolean(),
  playgroundResultEnabled: z.boolean(),
  quietHoursStart: clock,
  quietHoursEnd: clock,
});

export function notificationRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const { db, requireAuth } = deps;
  const routes = new Hono<ArinovaEnv>();

  routes.get("/api/notifications/preferences", requireAuth, async (c) =>
    sendJson(c, await readPreferences(db, c.get("user").id)),
  );

  routes.put("/api/notifications/preferences", readBody, requireAuth, async (c) => {
    await savePreferences(db, c.get("user").id, parseBody(c, preferencesBody));
    return sendJson(c, { ok: true });
  });

  return routes;
}
