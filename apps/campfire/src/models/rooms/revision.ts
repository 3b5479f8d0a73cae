import { inTransaction } from "../../db/database.ts";
import { toDbTime } from "../../db/time.ts";
import { broadcastsFor } from "../broadcaster.ts";
import { ROOM_TYPES, Room } from "../room.ts";
import { User } from "../user.ts";

export interface RoomRevision {
  name: string;
  kind: "open" | "closed";
  // For closed rooms: exactly who is in it afterwards (newly chosen are granted, the rest revoked).
  users?: readonly User[];
}

// Renaming, re-membering and converting between open and closed (features.md §5.4). Pings are never
// converted: they are defined by their members. Returns the room as it now is, or null for a Ping.
export function reviseRoom(room: Room, revision: RoomRevision): Room | null {
  if (room.isDirect) return null;
  const before = new Set(room.memberships.userIds());
  const revised = inTransaction(room.db, () => {
    room.db.run("UPDATE rooms SET name = ?, type = ?, updated_at = ? WHERE id = ?", [
      revision.name,
      ROOM_TYPES[revision.kind],
      toDbTime(new Date()),
      room.id,
    ]);
    const updated = Room.find(room.db, room.id)!;
    if (revision.kind === "open") updated.memberships.grantTo(User.active(room.db));
    else updated.memberships.reviseTo(revision.users ?? []);
    return updated;
  });
  const after = revised.memberships.users();
  const afterIds = new Set(after.map((user) => user.id));
  const broadcasts = broadcastsFor(room.db);
  broadcasts.roomUpdated(revised);
  for (const user of after) if (!before.has(user.id)) broadcasts.roomShownTo(revised, user);
  const revoked = [...before].filter((id) => !afterIds.has(id));
  if (revoked.length > 0) broadcasts.accessRevoked(revised, revoked);
  return revised;
}
