import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireAuthentication } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams, idParam } from "../http/params.ts";
import { turboStreamResponse, wantsTurboStream } from "../http/render.ts";
import { roomInScope } from "../http/room-scope.ts";
import type { Message } from "../models/message.ts";
import { isBlankRichText } from "../models/rich-text/plain-text.ts";
import type { User } from "../models/user.ts";
import { MAX_FILE_BYTES, postFile } from "../uploads/message-files.ts";
import { html } from "../views/html.ts";
import { messageView } from "../views/message.ts";
import { editMessageFrame } from "../views/message-editor.ts";
import { roomDeletedFrame } from "../views/room.ts";
import { turboStream } from "../views/turbo-stream.ts";

const newMessageSchema = z.object({
  "message[body]": z.string().default(""),
  // The browser's key for its optimistic copy; the model picks a UUID when there is none.
  "message[client_message_id]": z
    .string()
    .trim()
    .max(255)
    .optional()
    .transform((value) => value || undefined),
});
const fileMessageSchema = z.object({
  "message[attachment]": z.instanceof(File).refine((file) => file.size > 0),
  "message[client_message_id]": newMessageSchema.shape["message[client_message_id]"],
});
const editSchema = z.object({ "message[body]": z.string().default("") });

export const messageRoutes = new Hono<AppEnv>();

// A page of history as an HTML fragment for the infinite scroll; 204 once there is nothing more.
messageRoutes.get("/rooms/:room_id/messages", requireAuthentication, (c) => {
  const { room } = roomInScope(c);
  if (!room) return c.notFound();
  const before = idParam(c.req.query("before"));
  const after = idParam(c.req.query("after"));
  const messages =
    before !== null
      ? room.messages.before(before)
      : after !== null
        ? room.messages.after(after)
        : room.messages.last();
  if (messages.length === 0) return c.body(null, 204);
  return c.html(html`${messages.map((message) => messageView(message))}`.value);
});

// A text message, or one file from the composer (each file is its own message, features.md §11).
messageRoutes.post("/rooms/:room_id/messages", requireAuthentication, async (c) => {
  const { user, room } = roomInScope(c);
  if (!room) return c.html(roomDeletedFrame().value);
  const upload = fileMessageSchema.safeParse(await c.req.parseBody());
  let message: Message;
  if (upload.success) {
    const file = upload.data["message[attachment]"];
    if (file.size > MAX_FILE_BYTES) return c.text("File too large", 413);
    message = await postFile(
      c.var.services.files,
      room,
      user,
      { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      upload.data["message[client_message_id]"],
    );
  } else {
    const params = await formParams(c, newMessageSchema);
    if (!params || isBlankRichText(params["message[body]"])) return c.text("Message can't be blank", 422);
    message = room.messages.create({
      creator: user,
      body: params["message[body]"],
      clientMessageId: params["message[client_message_id]"],
    });
  }
  c.var.services.botWebhooks.dispatch(message);
  if (!wantsTurboStream(c)) return c.redirect(`/rooms/${room.id}`, 303);
  return turboStreamResponse(
    c,
    turboStream("append", `messages_${room.paramKey}_${room.id}`, messageView(message)),
  );
});

// Members reach the room's messages; editing and deleting also need authorship or administration.
function messageInScope(c: Context<AppEnv>): { user: User; message: Message | null } {
  const { user, room } = roomInScope(c);
  const id = idParam(c.req.param("id"));
  return { user, message: room && id !== null ? room.messages.find(id) : null };
}

const mayChange = (user: User, message: Message) => user.canAdminister(message);

// Closing the editor loads this: the message's own markup, whose edit frame holds the body again.
messageRoutes.get("/rooms/:room_id/messages/:id", requireAuthentication, (c) => {
  const { message } = messageInScope(c);
  if (!message) return c.notFound();
  return c.html(messageView(message).value);
});

messageRoutes.get("/rooms/:room_id/messages/:id/edit", requireAuthentication, (c) => {
  const { user, message } = messageInScope(c);
  if (!message) return c.notFound();
  if (!mayChange(user, message)) return c.text("Forbidden", 403);
  return c.html(editMessageFrame(message).value);
});

messageRoutes.on(["PATCH", "PUT"], "/rooms/:room_id/messages/:id", requireAuthentication, async (c) => {
  const { user, message } = messageInScope(c);
  if (!message) return c.notFound();
  if (!mayChange(user, message)) return c.text("Forbidden", 403);
  const params = await formParams(c, editSchema);
  if (!params || isBlankRichText(params["message[body]"])) return c.text("Message can't be blank", 422);
  message.edit(params["message[body]"]);
  return c.redirect(`/rooms/${message.roomId}/messages/${message.id}`, 303);
});

messageRoutes.delete("/rooms/:room_id/messages/:id", requireAuthentication, (c) => {
  const { user, message } = messageInScope(c);
  if (!message) return c.notFound();
  if (!mayChange(user, message)) return c.text("Forbidden", 403);
  message.destroy();
  if (!wantsTurboStream(c)) return c.redirect(`/rooms/${message.roomId}`, 303);
  return turboStreamResponse(c, turboStream("remove", `message_${message.clientMessageId}`));
});
