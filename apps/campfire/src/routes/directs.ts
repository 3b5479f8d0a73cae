import { Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { roomInScope } from "../http/room-scope.ts";
import { findOrCreateDirectRoomFor } from "../models/rooms/direct.ts";
import { User } from "../models/user.ts";
import { directSettings } from "../views/room-settings.ts";

const pingSchema = z.object({
  "user_ids[]": z.array(z.string().regex(/^\d+$/).transform(Number)).default([]),
});

export const directRoutes = new Hono<AppEnv>();

// "New Ping": you plus the people picked; the same set always lands in the same room.
directRoutes.post("/rooms/directs", requireAuthentication, async (c) => {
  const user = signedInUser(c);
  const params = await formParams(c, pingSchema);
  if (!params) return c.text("Unprocessable", 422);
  const others = User.findAll(user.db, params["user_ids[]"]).filter((other) => other.isActive);
  const room = findOrCreateDirectRoomFor(user.db, user, others);
  return c.redirect(`/rooms/${room.id}`);
});

directRoutes.get("/rooms/directs/:id/edit", requireAuthentication, (c) => {
  const { user, room } = roomInScope(c, "id");
  if (!room?.isDirect) return c.redirect("/");
  return renderPage(c, {
    title: room.displayNameFor(user),
    body: directSettings(room, user, c.var.csrfToken),
  });
});

// Anyone in a Ping may delete it; this path deletes nothing else.
directRoutes.delete("/rooms/directs/:id", requireAuthentication, (c) => {
  const { room } = roomInScope(c, "id");
  if (!room?.isDirect) return c.redirect("/");
  room.destroy();
  return c.redirect("/");
});
