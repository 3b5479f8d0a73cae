import { bots } from "../models/bot.ts";
import type { Message } from "../models/message.ts";
import type { User } from "../models/user.ts";

// Which bots hear about a new message (features.md §15.1): every bot in a Ping it was posted in, or
// every bot @mentioned in a shared room (mentionees are members only); never its author, and only
// active bots that have a webhook.
export function webhookTargetsFor(message: Message): { bot: User; url: string }[] {
  const room = message.room;
  if (!room) return [];
  const candidates = room.isDirect
    ? room.memberships.users().filter((user) => user.isBot)
    : message.mentioneeIds.map((id) => bots.find(message.db, id)).filter((bot): bot is User => bot !== null);
  return candidates
    .filter((bot) => bot.isActive && bot.isBot && bot.id !== message.creatorId)
    .flatMap((bot) => {
      const url = bots.webhookUrlOf(bot);
      return url ? [{ bot, url }] : [];
    });
}
