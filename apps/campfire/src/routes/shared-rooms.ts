import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { roomInScope } from "../http/room-scope.ts";
import { Account } from "../models/account.ts";
import { createClosedRoom } from "../models/rooms/closed.ts";
import { createOpenRoom } from "../models/rooms/open.ts";
import { reviseRoom } from "../models/rooms/revision.ts";
import { User } from "../models/user.ts";
import { roomForm } from "../views/room-settings.ts";

const roomSchema = z.object({
  "room[name]": z.string().trim().min(1).max(255),
  "user_ids[]": z
    .union([z.string(), z.array(z.string())])
    .default([])
    .transform((ids) => (Array.isArray(ids) ? ids : [ids]).filter((id) => /^\d+$/.test(id)).map(Number)),
});

export const sharedRoomRoutes = new Hono<AppEnv>();

// "Must be admin to create new rooms" (account setting) closes creation to members.
function mayCreateRooms(c: Context<AppEnv>): boolean {
  const user = signedInUser(c);
  return user.isAdministrator || !Account.current(user.db)?.settings.restrictRoomCreationToAdministrators;
}

for (const kind of ["open", "closed"] as const) {
  const base = `/rooms/${kind}s`;

  sharedRoomRoutes.get(`${base}/new`, requireAuthentication, (c) => {
    if (!mayCreateRooms(c)) return c.text("Forbidden", 403);
    const viewer = signedInUser(c);
    const people = User.active(viewer.db).filter((user) => !user.isBot);
    const body = roomForm({
      kind,
      room: null,
      viewer,
      people,
      memberIds: new Set([viewer.id]),
      editable: true,
      csrfToken: c.var.csrfToken,
    });
    return renderPage(c, { title: "New room", body });
  });

  sharedRoomRoutes.post(base, requireAuthentication, async (c) => {
    if (!mayCreateRooms(c)) return c.text("Forbidden", 403);
    const creator = signedInUser(c);
    const params = await formParams(c, roomSchema);
    if (!params) return c.text("Name can't be blank", 422);
    const name = params["room[name]"];
    const room =
      kind === "open"
        ? createOpenRoom(creator.db, { name, creator })
        : createClosedRoom(creator.db, { name, creator, users: activeUsers(creator, params["user_ids[]"]) });
    return c.redirect(`/rooms/${room.id}`);
  });

  sharedRoomRoutes.get(`${base}/:id`, requireAuthentication, (c) => {
    const { room } = roomInScope(c, "id");
    return c.redirect(room ? `/rooms/${room.id}` : "/");
  });

  // Every member may look at the settings; only administrators and the creator may change them.
  sharedRoomRoutes.get(`${base}/:id/edit`, requireAuthentication, (c) => {
    const { user, room } = roomInScope(c, "id");
    if (!room || room.isDirect) return c.redirect("/");
    const people = User.active(user.db).filter((person) => !person.isBot);
    const memberIds = new Set(room.memberships.userIds());
    const editable = room.canBeAdministeredBy(user);
    const body = roomForm({
      kind,
      room,
      viewer: user,
      people,
      memberIds,
      editable,
      csrfToken: c.var.csrfToken,
    });
    return renderPage(c, { title: "Room settings", body });
  });

  // Saving the other kind's form converts the room: open keeps everyone, closed only those ticked.
  sharedRoomRoutes.on(["PATCH", "PUT"], `${base}/:id`, requireAuthentication, async (c) => {
    const { user, room } = roomInScope(c, "id");
    if (!room || room.isDirect) return c.redirect("/");
    if (!room.canBeAdministeredBy(user)) return c.text("Forbidden", 403);
    const params = await formParams(c, roomSchema);
    if (!params) return c.text("Name can't be blank", 422);
    const users = activeUsers(user, params["user_ids[]"]);
    reviseRoom(room, { name: params["room[name]"], kind, users });
    return c.redirect(`/rooms/${room.id}`);
  });
}

function activeUsers(viewer: User, ids: readonly number[]): User[] {
  return User.findAll(viewer.db, ids).filter((user) => user.isActive);
}
