import { type Db, inTransaction } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { broadcastsFor } from "./broadcaster.ts";
import { CONNECTION_TTL_MS, type Involvement } from "./membership.ts";
import { Memberships } from "./memberships.ts";
import type { Message } from "./message.ts";
import { pushNotifierFor } from "./push-port.ts";
import { RoomMessages } from "./room-messages.ts";
import { User } from "./user.ts";

// Single-table inheritance as in the original: `type` holds the Ruby class name.
export const ROOM_TYPES = { open: "Rooms::Open", closed: "Rooms::Closed", direct: "Rooms::Direct" } as const;
export type RoomKind = keyof typeof ROOM_TYPES;

export interface RoomRow {
  id: number;
  name: string | null;
  type: string;
  creator_id: number;
  created_at: string;
  updated_at: string;
}

export class Room {
  constructor(
    readonly db: Db,
    private readonly row: RoomRow,
  ) {}

  static find(db: Db, id: number): Room | null {
    const row = db.query<RoomRow, [number]>("SELECT * FROM rooms WHERE id = ?").get(id);
    return row ? new Room(db, row) : null;
  }

  // The only way a person reaches a room: through their membership (admins included).
  static findFor(user: User, id: number): Room | null {
    const row = user.db
      .query<RoomRow, [number, number]>(
        `SELECT rooms.* FROM rooms JOIN memberships ON memberships.room_id = rooms.id
         WHERE rooms.id = ?1 AND memberships.user_id = ?2`,
      )
      .get(id, user.id);
    return row ? new Room(user.db, row) : null;
  }

  static allFor(user: User): Room[] {
    return user.db
      .query<RoomRow, [number]>(
        `SELECT rooms.* FROM rooms JOIN memberships ON memberships.room_id = rooms.id
         WHERE memberships.user_id = ? ORDER BY rooms.created_at, rooms.id`,
      )
      .all(user.id)
      .map((row) => new Room(user.db, row));
  }

  static insert(db: Db, attributes: { kind: RoomKind; name: string | null; creator: User }): Room {
    const now = toDbTime(new Date());
    const row = db
      .query<RoomRow, [string | null, string, number, string, string]>(
        `INSERT INTO rooms (name, type, creator_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING *`,
      )
      .get(attributes.name, ROOM_TYPES[attributes.kind], attributes.creator.id, now, now);
    return new Room(db, row!);
  }

  get id(): number {
    return this.row.id;
  }

  get name(): string | null {
    return this.row.name;
  }

  get creatorId(): number {
    return this.row.creator_id;
  }

  get updatedAt(): string {
    return this.row.updated_at;
  }

  get kind(): RoomKind {
    if (this.row.type === ROOM_TYPES.direct) return "direct";
    return this.row.type === ROOM_TYPES.closed ? "closed" : "open";
  }

  get isDirect(): boolean {
    return this.kind === "direct";
  }

  // Rails' param key for the STI class, the stem of every DOM id naming this room (http.md §5).
  get paramKey(): string {
    return `rooms_${this.kind}`;
  }

  // Pings notify about everything; shared rooms only about @mentions.
  get defaultInvolvement(): Involvement {
    return this.isDirect ? "everything" : "mentions";
  }

  get memberships(): Memberships {
    return new Memberships(this.db, this);
  }

  get messages(): RoomMessages {
    return new RoomMessages(this.db, this);
  }

  get creator(): User | null {
    return User.find(this.db, this.row.creator_id);
  }

  // Pings have no name: they are called by the other members' names.
  displayNameFor(viewer: User): string {
    if (!this.isDirect) return this.row.name ?? "";
    const members = this.memberships.users();
    const others = members.filter((member) => member.id !== viewer.id);
    return (others.length > 0 ? others : members).map((member) => member.name).join(", ");
  }

  touch(at: Date = new Date()): void {
    this.row.updated_at = toDbTime(at);
    this.db.run("UPDATE rooms SET updated_at = ? WHERE id = ?", [this.row.updated_at, this.row.id]);
  }

  // Every posted message comes through here once it is saved: members who are not looking at the room
  // get it marked unread, everyone viewing the room sees it appear, every member's sidebar hears of
  // it (the author's and connected members' too: their other tabs may be elsewhere), and absent
  // members whose involvement calls for it get a Web Push.
  receive(message: Message): void {
    const connectedSince = toDbTime(new Date(Date.now() - CONNECTION_TTL_MS));
    this.db.run(
      `UPDATE memberships SET unread_at = ?1, updated_at = ?2
       WHERE room_id = ?3 AND user_id != ?4 AND involvement != 'invisible'
         AND (connected_at IS NULL OR connected_at < ?5)`,
      [message.createdAt, toDbTime(new Date()), this.row.id, message.creatorId, connectedSince],
    );
    const broadcasts = broadcastsFor(this.db);
    broadcasts.messageCreated(this, message);
    broadcasts.roomUnread(this, this.memberships.userIds());
    pushNotifierFor(this.db)?.messagePosted(this, message);
  }

  // Who may rename, re-member or delete: administrators and the creator; for a Ping, anyone in it.
  canBeAdministeredBy(user: User): boolean {
    return this.isDirect ? this.memberships.includes(user) : user.canAdminister(this);
  }

  // Deletes the room with its messages, boosts and memberships; its members lose it live.
  destroy(): void {
    const memberIds = this.memberships.userIds();
    const inRoom = "SELECT id FROM messages WHERE room_id = ?";
    inTransaction(this.db, () => {
      this.db.run(`DELETE FROM boosts WHERE message_id IN (${inRoom})`, [this.id]);
      this.db.run(
        `DELETE FROM action_text_rich_texts WHERE record_type = 'Message' AND record_id IN (${inRoom})`,
        [this.id],
      );
      this.db.run(`DELETE FROM message_search_index WHERE rowid IN (${inRoom})`, [this.id]);
      this.db.run(
        `DELETE FROM active_storage_attachments WHERE record_type = 'Message' AND record_id IN (${inRoom})`,
        [this.id],
      );
      this.db.run("DELETE FROM messages WHERE room_id = ?", [this.id]);
      this.db.run("DELETE FROM memberships WHERE room_id = ?", [this.id]);
      this.db.run("DELETE FROM rooms WHERE id = ?", [this.id]);
    });
    const broadcasts = broadcastsFor(this.db);
    broadcasts.roomRemoved(this);
    broadcasts.accessRevoked(this, memberIds);
  }
}
