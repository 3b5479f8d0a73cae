import { deliverWebhook, type Fetch, type WebhookResponse } from "@rt/kit";
import { bots } from "../models/bot.ts";
import type { Message } from "../models/message.ts";
import type { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import type { FileStore } from "../uploads/file-store.ts";
import { MAX_FILE_BYTES, postFile } from "../uploads/message-files.ts";

// Webhook#deliver: open and read timeouts of 7 s, no redirects, no retries (the original's job
// simply fails).
export const WEBHOOK_TIMEOUT_MS = 7000;

export interface WebhookOptions {
  // Loopback/private targets are refused unless the operator allows them (tests, internal bots).
  allowPrivate: boolean;
  timeoutMs?: number;
  files: FileStore;
  fetch?: Fetch;
}

// The payload a bot receives (features.md §15.1), with the key-bearing path it can reply to later.
export function webhookPayload(message: Message, room: Room, bot: User) {
  const author = message.creator;
  const mention = new RegExp(`@${bot.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "g");
  return {
    user: { id: message.creatorId, name: author?.name ?? "" },
    room: {
      id: room.id,
      name: room.isDirect ? null : room.name,
      path: `/rooms/${room.id}/${bots.keyOf(bot)}/messages`,
    },
    message: {
      id: message.id,
      body: { html: message.bodyHtml, plain: message.plainText.replace(mention, "").trim() },
      path: `/rooms/${room.id}/@${message.id}`,
    },
  };
}

// A bot's reply may be a file, so it gets the same bound as a file posted from the composer.
const MAX_REPLY_BYTES = MAX_FILE_BYTES;

// Delivers through @rt/kit's deliverWebhook (address guard, no redirects), which hands back the
// bot's reply read up to a bound: an endpoint cannot make us buffer an endless body.
export async function deliverToBot(
  message: Message,
  bot: User,
  url: string,
  options: WebhookOptions,
): Promise<void> {
  const room = message.room;
  if (!room) return;
  const result = await deliverWebhook({
    url,
    body: webhookPayload(message, room, bot),
    retry: {
      retries: 0,
      timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
      backoff: "fixed",
      initialDelayMs: 0,
      maxDelayMs: 0,
    },
    allowPrivate: options.allowPrivate,
    fetch: options.fetch,
    keepResponse: { maxBytes: MAX_REPLY_BYTES },
  });
  if (result.error?.startsWith("timeout")) {
    room.messages.create({ creator: bot, body: "<div>Failed to respond within 7 seconds</div>" });
    return;
  }
  // A reply cut off at the bound would be a broken file or a partial message; better none.
  if (result.response && !result.response.truncated) {
    await postReply(room, bot, result.response, options.files);
  }
}

// A 200 with text/html or text/plain is posted as the bot's text message; any other response with
// a content type becomes a file message (whatever its status, as in the original); none, nothing.
async function postReply(room: Room, bot: User, reply: WebhookResponse, files: FileStore): Promise<void> {
  const type = reply.contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  if (!type) return;
  if (reply.status === 200 && (type === "text/html" || type === "text/plain")) {
    const text = new TextDecoder().decode(reply.body);
    if (text.trim() === "") return;
    room.messages.create({ creator: bot, body: type === "text/plain" ? plainToHtml(text) : text });
    return;
  }
  if (reply.body.byteLength === 0) return;
  const extension = type.split("/")[1]?.replace(/[^a-z0-9]+/g, "") || "bin";
  await postFile(files, room, bot, { name: `attachment.${extension}`, type, bytes: reply.body });
}

// Plain text is shown as written: escaped, with line breaks kept.
function plainToHtml(text: string): string {
  const escaped = Bun.escapeHTML(text);
  return `<div>${escaped.replace(/\n/g, "<br>")}</div>`;
}
