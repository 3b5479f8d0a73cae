import type { Db } from "../db/database.ts";
import { Room } from "../models/room.ts";
import { User } from "../models/user.ts";
import { ROOMS_STREAM } from "./protocol.ts";

// Who may listen to what (security.md §8), checked against the database at subscribe time:
// a room's stream needs current membership (closed rooms and Pings included), a user's stream is
// theirs alone, and the global rooms stream carries only open rooms' entries and removals.
export function mayListen(db: Db, userId: number, stream: string): boolean {
  if (stream === ROOMS_STREAM) return true;
  const user = /^user:(\d+)$/.exec(stream);
  if (user) return Number(user[1]) === userId;
  const room = /^room:(\d+)$/.exec(stream);
  if (room) {
    const listener = User.find(db, userId);
    return listener?.isActive === true && Room.findFor(listener, Number(room[1])) !== null;
  }
  return false;
}
