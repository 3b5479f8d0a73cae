import { type Db, inTransaction } from "../../db/database.ts";
import { broadcastsFor } from "../broadcaster.ts";
import { Room, type RoomRow } from "../room.ts";
import type { User } from "../user.ts";

// A Ping is unique per set of people: pinging the same set again opens the existing room.
// The lookup and the insert share one immediate transaction so two clicks cannot make two rooms.
export function findOrCreateDirectRoomFor(db: Db, creator: User, users: readonly User[]): Room {
  const everyone = uniqueById([creator, ...users]);
  let created = false;
  const room = inTransaction(db, () => {
    const existing = findDirectRoomFor(db, everyone);
    if (existing) return existing;
    const room = Room.insert(db, { kind: "direct", name: null, creator });
    room.memberships.grantTo(everyone);
    created = true;
    return room;
  });
  if (created) broadcastsFor(db).roomCreated(room);
  return room;
}

function findDirectRoomFor(db: Db, users: readonly User[]): Room | null {
  const ids = users.map((user) => user.id);
  const placeholders = ids.map(() => "?").join(", ");
  // Rooms whose members are exactly this set: all of them, and nobody else.
  const row = db
    .query<RoomRow, number[]>(
      `SELECT rooms.* FROM rooms JOIN memberships ON memberships.room_id = rooms.id
       WHERE rooms.type = 'Rooms::Direct'
       GROUP BY rooms.id
       HAVING COUNT(*) = ? AND SUM(memberships.user_id IN (${placeholders})) = ?
       ORDER BY rooms.created_at, rooms.id LIMIT 1`,
    )
    .get(ids.length, ...ids, ids.length);
  return row ? new Room(db, row) : null;
}

function uniqueById(users: readonly User[]): User[] {
  return [...new Map(users.map((user) => [user.id, user])).values()];
}
