import { Hono } from "hono";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { Room } from "../models/room.ts";
import { sidebarView } from "../views/sidebar.ts";

export const sidebarRoutes = new Hono<AppEnv>();

// Frame `user_sidebar`, reloaded by the page after its socket reconnects (missed unread marks and
// rooms). `:user_id` is ignored: it is always your own sidebar.
sidebarRoutes.get("/users/:user_id/sidebar", requireAuthentication, (c) => {
  const user = signedInUser(c);
  const currentId = idParam(c.req.query("current"));
  const current = currentId === null ? null : Room.findFor(user, currentId);
  return c.html(sidebarView(user, current).value);
});
