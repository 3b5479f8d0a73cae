import type { Boost } from "../models/boost.ts";
import type { Message } from "../models/message.ts";
import type { User } from "../models/user.ts";
import { avatarPath } from "./avatar.ts";
import { presentRichText } from "./rich-text.ts";

// The bot API's JSON (http.md §8): absolute URLs, UTC times with milliseconds.
export function userJson(user: User | null, origin: string) {
  if (!user) return null;
  return { id: user.id, name: user.name, role: user.role, avatar_url: `${origin}${avatarPath(user)}` };
}

export function messageJson(message: Message, origin: string) {
  const attachment = message.attachment;
  return {
    id: message.id,
    created_at: message.createdAtTime.toISOString(),
    body: {
      plain_text: message.plainText,
      html: attachment
        ? ""
        : `<div class="trix-content">${presentRichText(message.db, message.bodyHtml).value}</div>`,
    },
    creator: userJson(message.creator, origin),
    room: { id: message.roomId },
    url: `${origin}/rooms/${message.roomId}/messages/${message.id}`,
  };
}

export function boostJson(boost: Boost, message: Message, origin: string) {
  return {
    id: boost.id,
    content: boost.content,
    created_at: boost.createdAtTime.toISOString(),
    booster: userJson(boost.booster, origin),
    message: { id: message.id, url: `${origin}/rooms/${message.roomId}/messages/${message.id}` },
  };
}
