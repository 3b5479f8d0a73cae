import type { Message } from "../models/message.ts";
import type { Room } from "../models/room.ts";

// The notification (http.md §8): shared rooms are titled by the room with "Author: text"; a Ping is
// titled by its author. The badge is the recipient's number of unread rooms.
export function notificationFor(room: Room, message: Message, badge: number) {
  const author = message.creator?.name ?? "Someone";
  const text = message.plainText;
  return {
    title: room.isDirect ? author : (room.name ?? ""),
    options: {
      body: room.isDirect ? text : `${author}: ${text}`,
      icon: "/account/logo",
      data: { path: `/rooms/${room.id}`, badge },
    },
  };
}
