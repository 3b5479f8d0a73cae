/** Web-push key and subscriptions (rest.md §11). */
import { AppError } from "@rt/kit";
import { Hono } from "hono";
import { z } from "zod";
import { parseBody, readBody } from "../http/body.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { sendJson } from "../http/json.ts";
import { subscribe, unsubscribe } from "../notifications/subscriptions.ts";
import type { RouteDeps } from "./deps.ts";

const subscriptionBody = z.object({
  endpoint: z.url(),
  keys: z.object({ p256dh: z.string().min(1), auth: z.string().min(1) }),
  deviceInfo: z.string().max(500).optional(),
});

const unsubscribeBody = z.looseObject({ endpoint: z.unknown().optional() });

export function pushRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const { db, requireAuth } = deps;
  const routes = new Hono<ArinovaEnv>();

  routes.get("/api/push/vapid-key", (c) => {
    const key = deps.config.vapid.publicKey;
    if (key === "") throw new AppError("unavailable", "Push notifications not configured");
    return sendJson(c, { vapidPublicKey: key });
  });

  routes.post("/api/push/subscribe", readBody, requireAuth, async (c) => {
    await subscribe(db, c.get("user").id, parseBody(c, subscriptionBody));
    return sendJson(c, { ok: true }, 201);
  });

  routes.delete("/api/push/subscribe", readBody, requireAuth, async (c) => {
    const parsed = unsubscribeBody.safeParse(c.get("body"));
    const endpoint = parsed.success ? parsed.data.endpoint : undefined;
    // The original only checked presence: any truthy value went on to the query.
    if (!endpoint) throw new AppError("bad_request", "endpoint is required");
    await unsubscribe(db, c.get("user").id, String(endpoint));
    return sendJson(c, { ok: true });
  });

  return routes;
}
