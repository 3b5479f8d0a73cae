import { Hono } from "hono";
import { z } from "zod";
import { requireAuthentication } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { roomInScope } from "../http/room-scope.ts";
import { INVOLVEMENTS } from "../models/membership.ts";
import { involvementFrame } from "../views/involvement.ts";

const involvementSchema = z.enum(INVOLVEMENTS);

export const involvementRoutes = new Hono<AppEnv>();

involvementRoutes.get("/rooms/:room_id/involvement", requireAuthentication, (c) => {
  const { user, room } = roomInScope(c);
  const membership = room?.memberships.of(user);
  if (!room || !membership) return c.notFound();
  return c.html(involvementFrame(room, membership).value);
});

// Pings only go between everything and nothing: they are never invisible or mentions-only.
involvementRoutes.on(["PATCH", "PUT"], "/rooms/:room_id/involvement", requireAuthentication, (c) => {
  const { user, room } = roomInScope(c);
  const membership = room?.memberships.of(user);
  if (!room || !membership) return c.notFound();
  const level = involvementSchema.safeParse(c.req.query("involvement"));
  if (!level.success) return c.text("Unknown involvement", 422);
  if (room.isDirect && level.data !== "everything" && level.data !== "nothing") {
    return c.text("Unknown involvement", 422);
  }
  membership.changeInvolvementTo(level.data);
  return c.redirect(`/rooms/${room.id}/involvement`, 303);
});
