import { Hono } from "hono";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { mentionSgidFor } from "../models/rich-text/mentions.ts";
import { Room } from "../models/room.ts";
import { User } from "../models/user.ts";
import { avatarColor, initialsOf } from "../views/avatar.ts";
import { escapeHtml } from "../views/html.ts";

const LIMIT = 20;

export const autocompleteRoutes = new Hono<AppEnv>();

// @mention suggestions: active members of the room (or everyone active without a room), whose name
// contains the query, alphabetically, at most 20. Names are HTML-escaped because the page inserts them
// into the editor as HTML.
autocompleteRoutes.get("/autocompletable/users", requireAuthentication, (c) => {
  const viewer = signedInUser(c);
  const roomId = idParam(c.req.query("room_id"));
  const room = roomId === null ? null : Room.findFor(viewer, roomId);
  if (roomId !== null && !room) return c.notFound();
  const query = (c.req.query("query") ?? "").toLowerCase();
  const candidates = room ? room.memberships.users() : User.active(viewer.db);
  const users = candidates
    .filter((user) => user.isActive && user.name.toLowerCase().includes(query))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    .slice(0, LIMIT);
  return c.json(
    users.map((user) => ({
      name: escapeHtml(user.name),
      value: user.id,
      initials: escapeHtml(initialsOf(user.name)),
      color: avatarColor(user.id),
      sgid: mentionSgidFor(user.id, c.var.services.mentionKey),
    })),
  );
});
