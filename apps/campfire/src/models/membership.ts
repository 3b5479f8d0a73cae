import type { Db } from "../db/database.ts";
import { fromDbTime, toDbTime } from "../db/time.ts";
import { broadcastsFor } from "./broadcaster.ts";
import { Room } from "./room.ts";
import { User } from "./user.ts";

// Membership::Connectable::CONNECTION_TTL: presence counts only while refreshed this recently.
export const CONNECTION_TTL_MS = 60_000;

// Notification levels (features.md §6), strings as stored in memberships.involvement.
export const INVOLVEMENTS = ["invisible", "nothing", "mentions", "everything"] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];

export interface MembershipRow {
  id: number;
  room_id: number;
  user_id: number;
  involvement: string | null;
  unread_at: string | null;
  connections: number;
  connected_at: string | null;
  created_at: string;
  updated_at: string;
}

export class Membership {
  constructor(
    private readonly db: Db,
    private row: MembershipRow,
  ) {}

  static find(db: Db, roomId: number, userId: number): Membership | null {
    const row = db
      .query<MembershipRow, [number, number]>("SELECT * FROM memberships WHERE room_id = ? AND user_id = ?")
      .get(roomId, userId);
    return row ? new Membership(db, row) : null;
  }

  get roomId(): number {
    return this.row.room_id;
  }

  get userId(): number {
    return this.row.user_id;
  }

  get involvement(): Involvement {
    return INVOLVEMENTS.find((level) => level === this.row.involvement) ?? "mentions";
  }

  get isUnread(): boolean {
    return this.row.unread_at !== null;
  }

  get isVisible(): boolean {
    return this.involvement !== "invisible";
  }

  get connections(): number {
    return this.row.connections;
  }

  isConnected(now: Date = new Date()): boolean {
    const at = this.row.connected_at;
    return at !== null && now.getTime() - fromDbTime(at).getTime() < CONNECTION_TTL_MS;
  }

  // A room page is looking at the room: count the connection and read the room. A stale count (a
  // tab that vanished without saying goodbye) starts over rather than piling up.
  present(): void {
    const now = toDbTime(new Date());
    const base = this.isConnected() ? this.row.connections : 0;
    this.row = this.db
      .query<MembershipRow, [number, string, number]>(
        `UPDATE memberships SET connections = ?1, connected_at = ?2, unread_at = NULL, updated_at = ?2
         WHERE id = ?3 RETURNING *`,
      )
      .get(base + 1, now, this.row.id)!;
  }

  absent(): void {
    const remaining = this.isConnected() ? Math.max(0, this.row.connections - 1) : 0;
    const now = toDbTime(new Date());
    this.row = this.db
      .query<MembershipRow, [number, string | null, string, number]>(
        `UPDATE memberships SET connections = ?1, connected_at = ?2, updated_at = ?3
         WHERE id = ?4 RETURNING *`,
      )
      .get(remaining, remaining > 0 ? this.row.connected_at : null, now, this.row.id)!;
  }

  // The keep-alive a visible room page sends every 50 s.
  refreshConnection(): void {
    const now = toDbTime(new Date());
    this.row = this.db
      .query<MembershipRow, [string, number]>(
        `UPDATE memberships SET connected_at = ?1, connections = MAX(connections, 1) WHERE id = ?2
         RETURNING *`,
      )
      .get(now, this.row.id)!;
  }

  // Going invisible takes a shared room out of your sidebar (on all your tabs); coming back restores it.
  changeInvolvementTo(involvement: Involvement): void {
    const wasVisible = this.isVisible;
    this.update("involvement = ?1", involvement);
    if (wasVisible === this.isVisible) return;
    const room = Room.find(this.db, this.row.room_id);
    const user = User.find(this.db, this.row.user_id);
    if (!room || !user || room.isDirect) return;
    const broadcasts = broadcastsFor(this.db);
    if (this.isVisible) broadcasts.roomShownTo(room, user);
    else broadcasts.roomHiddenFrom(room, user);
  }

  // The bell cycles through the levels that make sense for the room (features.md §6).
  nextInvolvement(isDirect: boolean): Involvement {
    const cycle: readonly Involvement[] = isDirect
      ? ["everything", "nothing"]
      : ["mentions", "everything", "nothing", "invisible"];
    const index = cycle.indexOf(this.involvement);
    return cycle[(index + 1) % cycle.length] ?? cycle[0]!;
  }

  // Opening a room reads it: there is no per-message read pointer, only this timestamp.
  read(): void {
    this.update("unread_at = ?1", null);
  }

  private update(assignment: string, value: string | null): void {
    this.row = this.db
      .query<MembershipRow, [string | null, string, number]>(
        `UPDATE memberships SET ${assignment}, updated_at = ?2 WHERE id = ?3 RETURNING *`,
      )
      .get(value, toDbTime(new Date()), this.row.id)!;
  }
}
