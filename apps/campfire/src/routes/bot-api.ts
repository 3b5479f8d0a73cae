import { type Context, Hono, type MiddlewareHandler } from "hono";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { Boost } from "../models/boost.ts";
import { bots } from "../models/bot.ts";
import type { Message } from "../models/message.ts";
import { isBlankRichText } from "../models/rich-text/plain-text.ts";
import { Room } from "../models/room.ts";
import { PAGE_SIZE } from "../models/room-messages.ts";
import type { User } from "../models/user.ts";
import { MAX_FILE_BYTES, postFile } from "../uploads/message-files.ts";
import { boostJson, messageJson } from "../views/message-json.ts";

// The bot API (http.md §2.6, features.md §15): the key in the path is the credential, the body is
// the raw text (HTML is allowed; JSON is not parsed), or a multipart `attachment`.
export const BOT_API_PATH = /^\/rooms\/\d+\/\d+-[A-Za-z0-9]*\/messages(\/|$)/;
const BASE = "/rooms/:room_id/:bot_key{[0-9]+-[A-Za-z0-9]*}/messages";

type BotEnv = AppEnv & { Variables: { bot: User; room: Room } };

export const botApiRoutes = new Hono<BotEnv>();

// A bad or inactive key falls through to the sign-in redirect like any unauthenticated request; a
// room the bot is not in is not found.
const authenticateBot: MiddlewareHandler<BotEnv> = async (c, next) => {
  const bot = bots.authenticate(c.var.services.db, c.req.param("bot_key") ?? "");
  if (!bot) return c.redirect("/session/new");
  const id = idParam(c.req.param("room_id"));
  const room = id === null ? null : Room.findFor(bot, id);
  if (!room) return c.json({ error: "Not found" }, 404);
  c.set("bot", bot);
  c.set("room", room);
  await next();
};

const origin = (c: Context<BotEnv>) => new URL(c.req.url).origin;

function messageOf(c: Context<BotEnv>, param: string): Message | null {
  const id = idParam(c.req.param(param));
  return id === null ? null : c.var.room.messages.find(id);
}

// Last 40 by default, or 40 before/after a message, oldest first; `Link` points at the next page
// only while there is one.
botApiRoutes.get(BASE, authenticateBot, (c) => {
  const { room } = c.var;
  const before = idParam(c.req.query("before"));
  const after = idParam(c.req.query("after"));
  const page = after !== null ? room.messages.after(after, PAGE_SIZE + 1) : null;
  const messages =
    page?.slice(0, PAGE_SIZE) ??
    (before !== null ? room.messages.before(before, PAGE_SIZE + 1) : room.messages.last(PAGE_SIZE + 1)).slice(
      -PAGE_SIZE,
    );
  const more = page
    ? page.length > PAGE_SIZE
    : messages.length > 0 && room.messages.before(messages[0]!.id, 1).length > 0;
  const total = c.var.services.db
    .query<{ n: number }, [number]>("SELECT COUNT(*) AS n FROM messages WHERE room_id = ?")
    .get(room.id)!.n;
  const url = new URL(c.req.url);
  const headers: Record<string, string> = { "X-Total-Count": String(total) };
  if (more) {
    const cursor = page ? `after=${messages.at(-1)?.id}` : `before=${messages[0]?.id}`;
    headers.Link = `<${url.origin}${url.pathname}?${cursor}>; rel="next"`;
  }
  return c.json(
    messages.map((message) => messageJson(message, origin(c))),
    200,
    headers,
  );
});

botApiRoutes.post(BASE, authenticateBot, async (c) => {
  const { bot, room } = c.var;
  const { files, botWebhooks } = c.var.services;
  const type = c.req.header("content-type") ?? "";
  let message: Message;
  if (type.startsWith("multipart/form-data")) {
    const body = await c.req.parseBody();
    const attachment = body.attachment;
    if (!(attachment instanceof File) || attachment.size === 0)
      return c.json({ error: "Attachment missing" }, 422);
    if (attachment.size > MAX_FILE_BYTES) return c.json({ error: "File too large" }, 413);
    const bytes = new Uint8Array(await attachment.arrayBuffer());
    message = await postFile(files, room, bot, { name: attachment.name, type: attachment.type, bytes });
  } else {
    const text = await c.req.text();
    if (text.trim() === "" || isBlankRichText(text)) return c.json({ error: "Body can't be blank" }, 422);
    message = room.messages.create({ creator: bot, body: text });
  }
  botWebhooks.dispatch(message);
  return c.body(null, 201, { Location: `${origin(c)}/messages/${message.id}` });
});

botApiRoutes.on(["PATCH", "PUT"], `${BASE}/:id`, authenticateBot, async (c) => {
  const message = messageOf(c, "id");
  if (!message) return c.json({ error: "Not found" }, 404);
  if (message.creatorId !== c.var.bot.id) return c.json({ error: "Forbidden" }, 403);
  const text = await c.req.text();
  if (isBlankRichText(text)) return c.json({ error: "Body can't be blank" }, 422);
  message.edit(text);
  return c.json(messageJson(message, origin(c)));
});

botApiRoutes.delete(`${BASE}/:id`, authenticateBot, (c) => {
  const message = messageOf(c, "id");
  if (!message) return c.json({ error: "Not found" }, 404);
  if (message.creatorId !== c.var.bot.id) return c.json({ error: "Forbidden" }, 403);
  message.destroy();
  return c.body(null, 204);
});

botApiRoutes.post(`${BASE}/:message_id/boosts`, authenticateBot, async (c) => {
  const message = messageOf(c, "message_id");
  if (!message) return c.json({ error: "Not found" }, 404);
  const content = (await c.req.text()).trim();
  if (!content || [...content].length > Boost.MAX_LENGTH)
    return c.json({ error: "Boost can't be blank" }, 422);
  const boost = Boost.give(message, c.var.bot, content);
  return c.json(boostJson(boost, message, origin(c)), 201);
});

// Only the bot's own boosts; anyone else's is not found.
botApiRoutes.delete(`${BASE}/:message_id/boosts/:id`, authenticateBot, (c) => {
  const message = messageOf(c, "message_id");
  const id = idParam(c.req.param("id"));
  if (!message || id === null || !Boost.withdraw(message, c.var.bot, id))
    return c.json({ error: "Not found" }, 404);
  return c.body(null, 204);
});
