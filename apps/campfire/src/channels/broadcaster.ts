import type { Bus } from "@rt/realtime";
import type { Boost } from "../models/boost.ts";
import type { Broadcaster } from "../models/broadcaster.ts";
import type { Message } from "../models/message.ts";
import type { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import { boostView } from "../views/boosts.ts";
import type { SafeHtml } from "../views/html.ts";
import { messageView, presentationView } from "../views/message.ts";
import { directRoomLink, sharedRoomLink } from "../views/sidebar.ts";
import { turboStream } from "../views/turbo-stream.ts";
import { announceDisconnection } from "./disconnections.ts";
import { encode, ROOMS_STREAM, roomStream, type ServerMessage, userStream } from "./protocol.ts";
import { announceRevocation } from "./revocations.ts";
import { announceUnread } from "./unreads.ts";

// Renders what happened as Turbo Streams (http.md §6) and publishes it through the bus, so every
// instance's sockets get it. Publishing never blocks or fails the request that caused it.
export function busBroadcaster(bus: Bus): Broadcaster {
  const publish = (topic: string, message: ServerMessage) => {
    bus.publish(topic, encode(message)).catch((error) => console.error("[campfire] broadcast:", error));
  };
  const stream = (topic: string, html: SafeHtml) =>
    publish(topic, { type: "stream", stream: topic, html: html.value });
  const toRoom = (room: Room, html: SafeHtml) => stream(roomStream(room.id), html);
  const listId = (room: Room) => `list_${room.paramKey}_${room.id}`;
  const messagesId = (room: Room) => `messages_${room.paramKey}_${room.id}`;

  // Open rooms' entries are the same for everyone and go on the global stream; closed rooms' and
  // Pings' only ever reach their members (a Ping is even named differently for each of them).
  const entryFor = (room: Room, user: User) =>
    room.isDirect ? directRoomLink(room, user) : sharedRoomLink(room);
  const listFor = (room: Room) => (room.isDirect ? "direct_rooms" : "shared_rooms");

  return {
    messageCreated(room, message) {
      toRoom(room, turboStream("append", messagesId(room), messageView(message)));
    },
    messageUpdated(room, message) {
      toRoom(
        room,
        turboStream("replace", `presentation_message_${message.clientMessageId}`, presentationView(message), {
          maintainScroll: true,
        }),
      );
    },
    messageRemoved(room, message: Message) {
      toRoom(room, turboStream("remove", `message_${message.clientMessageId}`));
    },
    boostGiven(room, message, boost: Boost) {
      toRoom(
        room,
        turboStream("append", `boosts_message_${message.clientMessageId}`, boostView(boost), {
          maintainScroll: true,
        }),
      );
    },
    boostWithdrawn(room, boostId) {
      toRoom(room, turboStream("remove", `boost_${boostId}`));
    },
    roomUnread(room, userIds) {
      announceUnread(bus, { roomId: room.id, userIds: [...userIds] }).catch((error) =>
        console.error("[campfire] unread:", error),
      );
    },
    roomRead(room, userId) {
      publish(userStream(userId), { type: "read", stream: userStream(userId), room_id: room.id });
    },
    roomCreated(room) {
      if (room.kind === "open") {
        stream(ROOMS_STREAM, turboStream("prepend", "shared_rooms", sharedRoomLink(room)));
        return;
      }
      for (const user of room.memberships.users()) {
        stream(userStream(user.id), turboStream("prepend", listFor(room), entryFor(room, user)));
      }
    },
    roomUpdated(room) {
      if (room.kind === "open") {
        stream(ROOMS_STREAM, turboStream("replace", listId(room), sharedRoomLink(room)));
        return;
      }
      for (const user of room.memberships.users()) {
        stream(userStream(user.id), turboStream("replace", listId(room), entryFor(room, user)));
      }
    },
    roomRemoved(room) {
      // Only the element id travels on the global stream, so it reveals nothing about closed rooms.
      stream(ROOMS_STREAM, turboStream("remove", listId(room)));
    },
    roomShownTo(room, user) {
      stream(userStream(user.id), turboStream("prepend", listFor(room), entryFor(room, user)));
    },
    roomHiddenFrom(room, user) {
      stream(userStream(user.id), turboStream("remove", listId(room)));
    },
    accessRevoked(room, userIds) {
      for (const id of userIds) stream(userStream(id), turboStream("remove", listId(room)));
      announceRevocation(bus, { roomId: room.id, userIds: [...userIds] }).catch((error) =>
        console.error("[campfire] revocation:", error),
      );
    },
    connectionsClosed(userId) {
      announceDisconnection(bus, userId).catch((error) => console.error("[campfire] disconnection:", error));
    },
  };
}
