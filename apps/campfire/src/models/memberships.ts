import type { Db } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { type Involvement, Membership } from "./membership.ts";
import type { Room } from "./room.ts";
import { User, type UserRow } from "./user.ts";

// A room's memberships: who is in it, and the verbs that change that.
export class Memberships {
  constructor(
    private readonly db: Db,
    private readonly room: Room,
  ) {}

  // Like the original's insert_all: people who are already members are skipped by the unique index.
  grantTo(users: readonly User[], involvement: Involvement = this.room.defaultInvolvement): void {
    const now = toDbTime(new Date());
    const insert = this.db.query<unknown, [number, number, string, string, string]>(
      `INSERT INTO memberships (room_id, user_id, involvement, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (room_id, user_id) DO NOTHING`,
    );
    for (const user of users) insert.run(this.room.id, user.id, involvement, now, now);
  }

  revokeFrom(users: readonly User[]): void {
    const remove = this.db.query<unknown, [number, number]>(
      "DELETE FROM memberships WHERE room_id = ? AND user_id = ?",
    );
    for (const user of users) remove.run(this.room.id, user.id);
  }

  // Grants the newly chosen and revokes the no longer chosen, keeping everyone else's settings.
  reviseTo(users: readonly User[]): void {
    const chosen = new Set(users.map((user) => user.id));
    this.revokeFrom(this.users().filter((user) => !chosen.has(user.id)));
    this.grantTo(users);
  }

  of(user: User): Membership | null {
    return Membership.find(this.db, this.room.id, user.id);
  }

  includes(user: User): boolean {
    return (
      this.db
        .query("SELECT 1 FROM memberships WHERE room_id = ? AND user_id = ?")
        .get(this.room.id, user.id) !== null
    );
  }

  users(): User[] {
    return this.db
      .query<UserRow, [number]>(
        `SELECT users.* FROM users JOIN memberships ON memberships.user_id = users.id
         WHERE memberships.room_id = ? ORDER BY users.id`,
      )
      .all(this.room.id)
      .map((row) => new User(this.db, row));
  }

  userIds(): number[] {
    return this.db
      .query<{ user_id: number }, [number]>(
        "SELECT user_id FROM memberships WHERE room_id = ? ORDER BY user_id",
      )
      .all(this.room.id)
      .map((row) => row.user_id);
  }
}
