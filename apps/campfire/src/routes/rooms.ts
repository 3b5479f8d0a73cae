import { type Context, Hono } from "hono";
import { setCookie } from "hono/cookie";
import { requireAuthentication } from "../http/authentication.ts";
import { flashNext } from "../http/browser-session.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { renderPage, turboStreamResponse } from "../http/render.ts";
import { roomInScope } from "../http/room-scope.ts";
import { cookieOptions } from "../http/secure-cookies.ts";
import type { Message } from "../models/message.ts";
import type { Room } from "../models/room.ts";
import { messageView } from "../views/message.ts";
import { roomPage } from "../views/room.ts";
import { turboStream } from "../views/turbo-stream.ts";

export const roomRoutes = new Hono<AppEnv>();

function notFound(c: Context<AppEnv>) {
  flashNext(c, { alert: "Room not found or inaccessible" });
  return c.redirect("/");
}

function show(
  c: Context<AppEnv>,
  room: Room,
  messages: Message[],
  extras: { highlightId?: number; upToDate: boolean },
) {
  const { user } = roomInScope(c, "id");
  setCookie(c, "last_room", String(room.id), { ...cookieOptions(c), httpOnly: false });
  const body = roomPage({ room, messages, viewer: user, csrfToken: c.var.csrfToken, ...extras });
  return renderPage(c, { title: room.displayNameFor(user), body });
}

// Reading happens when the page's presence subscription arrives over /cable, as in the original.
roomRoutes.get("/rooms/:id", requireAuthentication, (c) => {
  const { room } = roomInScope(c, "id");
  if (!room) return notFound(c);
  return show(c, room, room.messages.last(), { upToDate: true });
});

// The permalink: 40 before, the message (highlighted), 40 after.
roomRoutes.get("/rooms/:id/:at{@[0-9]+}", requireAuthentication, (c) => {
  const { room } = roomInScope(c, "id");
  const message = room?.messages.find(Number(c.req.param("at").slice(1)));
  if (!room) return notFound(c);
  if (!message) return c.redirect(`/rooms/${room.id}`);
  const messages = room.messages.around(message);
  const upToDate = messages.at(-1)?.id === room.messages.last(1)[0]?.id;
  return show(c, room, messages, { highlightId: message.id, upToDate });
});

// Administrators and the creator delete shared rooms; anyone in a Ping may delete it.
roomRoutes.delete("/rooms/:id", requireAuthentication, (c) => {
  const { user, room } = roomInScope(c, "id");
  if (!room) return notFound(c);
  if (!room.canBeAdministeredBy(user)) return c.text("Forbidden", 403);
  room.destroy();
  return c.redirect("/");
});

// Catch-up after a reconnect or a long hidden spell: what was posted and what changed since `since`.
roomRoutes.get("/rooms/:room_id/refresh", requireAuthentication, (c) => {
  const { room } = roomInScope(c);
  if (!room) return c.notFound();
  const since = new Date(idParam(c.req.query("since")) ?? 0);
  const list = `messages_${room.paramKey}_${room.id}`;
  const streams = [
    ...room.messages.createdSince(since).map((message) => turboStream("append", list, messageView(message))),
    ...room.messages
      .updatedSince(since)
      .map((message) => turboStream("replace", `message_${message.clientMessageId}`, messageView(message))),
  ];
  return turboStreamResponse(c, streams);
});
