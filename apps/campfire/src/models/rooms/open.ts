import type { Db } from "../../db/database.ts";
import { broadcastsFor } from "../broadcaster.ts";
import { Room, type RoomRow } from "../room.ts";
import { User } from "../user.ts";

// Open rooms hold everyone: created with every active user, and every new user joins them all.
export function createOpenRoom(db: Db, attributes: { name: string; creator: User }): Room {
  const room = Room.insert(db, { kind: "open", ...attributes });
  room.memberships.grantTo(User.active(db));
  broadcastsFor(db).roomCreated(room);
  return room;
}

export function grantOpenRoomsTo(db: Db, user: User): void {
  const rows = db.query<RoomRow, [string]>("SELECT * FROM rooms WHERE type = ?").all("Rooms::Open");
  for (const row of rows) new Room(db, row).memberships.grantTo([user]);
}
