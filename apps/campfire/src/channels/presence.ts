import type { Db } from "../db/database.ts";
import { broadcastsFor } from "../models/broadcaster.ts";
import { Membership } from "../models/membership.ts";
import { Room } from "../models/room.ts";

// Connections are counted on memberships (features.md §14.2) so that Room#receive can leave people
// who are looking at the room out of unread marks. Each socket remembers the rooms it made present
// so closing it undoes exactly those.
export interface PresenceState {
  userId: number;
  presentIn: Set<number>;
}

export function present(db: Db, state: PresenceState, roomId: number): void {
  const membership = Membership.find(db, roomId, state.userId);
  const room = Room.find(db, roomId);
  if (!membership || !room) return;
  if (state.presentIn.has(roomId)) {
    membership.refreshConnection();
  } else {
    membership.present();
    state.presentIn.add(roomId);
  }
  broadcastsFor(db).roomRead(room, state.userId);
}

export function absent(db: Db, state: PresenceState, roomId: number): void {
  if (!state.presentIn.delete(roomId)) return;
  Membership.find(db, roomId, state.userId)?.absent();
}

export function refresh(db: Db, state: PresenceState, roomId: number): void {
  if (!state.presentIn.has(roomId)) return;
  Membership.find(db, roomId, state.userId)?.refreshConnection();
}

export function absentEverywhere(db: Db, state: PresenceState): void {
  for (const roomId of [...state.presentIn]) absent(db, state, roomId);
}

// Counts left by a previous process (crash, restart) would keep people "connected" for ever; the
// original resets them when the web server boots.
export function resetConnections(db: Db): void {
  db.run(
    "UPDATE memberships SET connections = 0, connected_at = NULL WHERE connections != 0 OR connected_at IS NOT NULL",
  );
}
