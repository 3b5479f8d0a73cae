import type { Db } from "../db/database.ts";
import type { Boost } from "./boost.ts";
import type { Message } from "./message.ts";
import type { Room } from "./room.ts";
import type { User } from "./user.ts";

// What the product tells browsers as it happens (http.md §6), in the product's words. The models say
// *that* something happened; channels/broadcaster.ts renders it and publishes it through the bus.
export interface Broadcaster {
  messageCreated(room: Room, message: Message): void;
  messageUpdated(room: Room, message: Message): void;
  messageRemoved(room: Room, message: Message): void;
  boostGiven(room: Room, message: Message, boost: Boost): void;
  boostWithdrawn(room: Room, boostId: number): void;
  // Each member's tabs learn a room has news (or was read elsewhere) on their own per-user stream.
  roomUnread(room: Room, userIds: readonly number[]): void;
  roomRead(room: Room, userId: number): void;
  roomCreated(room: Room): void;
  roomUpdated(room: Room): void;
  roomRemoved(room: Room): void;
  roomShownTo(room: Room, user: User): void;
  roomHiddenFrom(room: Room, user: User): void;
  // People who lost access stop receiving the room's stream at once, on every instance.
  accessRevoked(room: Room, userIds: readonly number[]): void;
  // A deactivated or banned person's open pages are cut off at once, on every instance.
  connectionsClosed(userId: number): void;
}

const silent: Broadcaster = {
  messageCreated() {},
  messageUpdated() {},
  messageRemoved() {},
  boostGiven() {},
  boostWithdrawn() {},
  roomUnread() {},
  roomRead() {},
  roomCreated() {},
  roomUpdated() {},
  roomRemoved() {},
  roomShownTo() {},
  roomHiddenFrom() {},
  accessRevoked() {},
  connectionsClosed() {},
};

// Models reach the database through the handle they were built with, everywhere; the broadcaster
// travels with that handle (like Rails' process-wide ActionCable server) instead of being threaded
// through every constructor. A handle nobody connected (a test's second connection) stays silent.
const broadcasters = new WeakMap<Db, Broadcaster>();

export function connectBroadcaster(db: Db, broadcaster: Broadcaster): void {
  broadcasters.set(db, broadcaster);
}

export function broadcastsFor(db: Db): Broadcaster {
  return broadcasters.get(db) ?? silent;
}
