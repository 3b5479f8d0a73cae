import type { Db } from "../../db/database.ts";
import { broadcastsFor } from "../broadcaster.ts";
import { Room } from "../room.ts";
import type { User } from "../user.ts";

// Closed rooms hold the people chosen for them; the creator is always one of them.
export function createClosedRoom(db: Db, attributes: { name: string; creator: User; users: User[] }): Room {
  const room = Room.insert(db, { kind: "closed", name: attributes.name, creator: attributes.creator });
  room.memberships.grantTo([attributes.creator, ...attributes.users]);
  broadcastsFor(db).roomCreated(room);
  return room;
}
