import { Hono } from "hono";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import { requireAdministrator } from "../http/authorization.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { ban, unban } from "../models/ban.ts";
import { User } from "../models/user.ts";

export const banRoutes = new Hono<AppEnv>();

// Administrators ban anyone but themselves and bots (bots are removed from the bots page instead).
banRoutes.post("/users/:id/ban", requireAuthentication, requireAdministrator, (c) => {
  const id = idParam(c.req.param("id"));
  const user = id === null ? null : User.find(c.var.services.db, id);
  if (!user || user.isBot) return c.notFound();
  if (user.id === signedInUser(c).id) return c.text("You can't ban yourself", 403);
  if (user.status === "active") ban(user);
  return c.redirect(`/users/${user.id}`);
});

banRoutes.delete("/users/:id/ban", requireAuthentication, requireAdministrator, (c) => {
  const id = idParam(c.req.param("id"));
  const user = id === null ? null : User.find(c.var.services.db, id);
  if (!user) return c.notFound();
  if (user.status === "banned") unban(user);
  return c.redirect(`/users/${user.id}`);
});
