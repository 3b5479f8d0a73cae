import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import { requireAdministrator } from "../http/authorization.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { bots } from "../models/bot.ts";
import { deactivate } from "../models/deactivation.ts";
import type { User } from "../models/user.ts";
import { storeImage } from "../uploads/images.ts";
import { botFormPage, botsPage } from "../views/bots.ts";

// A blank or missing webhook URL removes the webhook (Accounts::BotsController).
const botSchema = z.object({
  "user[name]": z.string().trim().min(1).max(255),
  "user[webhook_url]": z
    .string()
    .trim()
    .optional()
    .transform((url) => url || null)
    .refine((url) => url === null || /^https?:\/\//i.test(url), "http(s) URLs only"),
  "user[avatar]": z.union([z.instanceof(File), z.string()]).optional(),
});

export const botRoutes = new Hono<AppEnv>();
botRoutes.use("/account/bots", requireAuthentication, requireAdministrator);
botRoutes.use("/account/bots/*", requireAuthentication, requireAdministrator);

const botOf = (c: Context<AppEnv>): User | null => {
  const id = idParam(c.req.param("id"));
  return id === null ? null : bots.find(c.var.services.db, id);
};

async function saveAvatar(c: Context<AppEnv>, bot: User, avatar: File | string | undefined): Promise<void> {
  if (!(avatar instanceof File) || avatar.size === 0) return;
  const { db, files } = c.var.services;
  const stored = await storeImage(
    db,
    files,
    { recordType: "User", recordId: bot.id, name: "avatar" },
    avatar,
  );
  if (stored.ok) bot.touch();
}

botRoutes.get("/account/bots", (c) => {
  const body = botsPage(signedInUser(c), bots.active(c.var.services.db), new URL(c.req.url).origin);
  return renderPage(c, { title: "Chat bots", body });
});

botRoutes.get("/account/bots/new", (c) =>
  renderPage(c, { title: "New bot", body: botFormPage(signedInUser(c), null, c.var.csrfToken) }),
);

botRoutes.post("/account/bots", async (c) => {
  const params = botSchema.safeParse(await c.req.parseBody());
  if (!params.success) return c.text("Name can't be blank; the webhook URL must be http(s)", 422);
  const bot = bots.create(c.var.services.db, {
    name: params.data["user[name]"],
    webhookUrl: params.data["user[webhook_url]"],
  });
  await saveAvatar(c, bot, params.data["user[avatar]"]);
  return c.redirect("/account/bots");
});

botRoutes.get("/account/bots/:id/edit", (c) => {
  const bot = botOf(c);
  if (!bot) return c.notFound();
  return renderPage(c, { title: bot.name, body: botFormPage(signedInUser(c), bot, c.var.csrfToken) });
});

botRoutes.on(["PATCH", "PUT"], "/account/bots/:id", async (c) => {
  const bot = botOf(c);
  if (!bot) return c.notFound();
  const params = botSchema.safeParse(await c.req.parseBody());
  if (!params.success) return c.text("Name can't be blank; the webhook URL must be http(s)", 422);
  bots.rename(bot, params.data["user[name]"]);
  bots.setWebhook(bot, params.data["user[webhook_url]"]);
  await saveAvatar(c, bot, params.data["user[avatar]"]);
  return c.redirect("/account/bots");
});

// Deleting a bot deactivates it: its key stops working, its messages stay.
botRoutes.delete("/account/bots/:id", (c) => {
  const bot = botOf(c);
  if (!bot) return c.notFound();
  deactivate(bot);
  return c.redirect("/account/bots");
});

botRoutes.on(["PATCH", "PUT"], "/account/bots/:id/key", (c) => {
  const bot = botOf(c);
  if (!bot) return c.notFound();
  bots.resetKey(bot);
  return c.redirect("/account/bots");
});
