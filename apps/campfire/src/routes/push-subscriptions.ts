import { Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { pushSubscriptions } from "../models/push-subscriptions.ts";
import { pushSubscriptionsPage } from "../views/push-subscriptions.ts";

// What the page's script posts after pushManager.subscribe (features.md §13).
const subscriptionSchema = z.object({
  push_subscription: z.object({
    endpoint: z.url({ protocol: /^https?$/ }).max(2000),
    p256dh_key: z.string().min(1).max(200),
    auth_key: z.string().min(1).max(100),
  }),
});

export const pushSubscriptionRoutes = new Hono<AppEnv>();

pushSubscriptionRoutes.get("/users/:user_id/push_subscriptions", requireAuthentication, (c) => {
  const user = signedInUser(c);
  const body = pushSubscriptionsPage(user, pushSubscriptions.of(user), c.var.csrfToken);
  return renderPage(c, { title: "Push notifications", body });
});

pushSubscriptionRoutes.post("/users/:user_id/push_subscriptions", requireAuthentication, async (c) => {
  const parsed = subscriptionSchema.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return c.text("Invalid subscription", 422);
  const { endpoint, p256dh_key, auth_key } = parsed.data.push_subscription;
  pushSubscriptions.subscribe(signedInUser(c), {
    endpoint,
    p256dhKey: p256dh_key,
    authKey: auth_key,
    userAgent: c.req.header("user-agent") ?? null,
  });
  return c.body(null, 200);
});

pushSubscriptionRoutes.delete("/users/:user_id/push_subscriptions/:id", requireAuthentication, (c) => {
  const id = idParam(c.req.param("id"));
  if (id === null || !pushSubscriptions.remove(signedInUser(c), id)) return c.notFound();
  return c.redirect("/users/me/push_subscriptions");
});
