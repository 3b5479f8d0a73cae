import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { Room } from "../models/room.ts";
import { noRoomsPage } from "../views/welcome.ts";

export const welcomeRoutes = new Hono<AppEnv>();

// `/` goes back to the room you were last in, else your earliest room.
welcomeRoutes.get("/", requireAuthentication, (c) => {
  const user = signedInUser(c);
  const lastRoomId = idParam(getCookie(c, "last_room"));
  const lastRoom = lastRoomId === null ? null : Room.findFor(user, lastRoomId);
  const room = lastRoom ?? Room.allFor(user)[0];
  if (room) return c.redirect(`/rooms/${room.id}`);
  return renderPage(c, { title: "Campfire", body: noRoomsPage(user) });
});

welcomeRoutes.get("/rooms", requireAuthentication, (c) => {
  const room = Room.allFor(signedInUser(c)).at(-1);
  return c.redirect(room ? `/rooms/${room.id}` : "/");
});
