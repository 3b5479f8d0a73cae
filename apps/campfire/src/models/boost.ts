import { type Db, inTransaction } from "../db/database.ts";
import { fromDbTime, toDbTime } from "../db/time.ts";
import { broadcastsFor } from "./broadcaster.ts";
import type { Message } from "./message.ts";
import { User } from "./user.ts";

interface BoostRow {
  id: number;
  message_id: number;
  booster_id: number;
  content: string;
  created_at: string;
  updated_at: string;
}

// A reaction: up to 16 characters of text or emoji one person attaches to a message.
export class Boost {
  private constructor(
    private readonly db: Db,
    private readonly row: BoostRow,
  ) {}

  // Boost content is capped at 16 characters (UI maxlength; the column is varchar(16)).
  static readonly MAX_LENGTH = 16;

  static allFor(db: Db, messageId: number): Boost[] {
    return db
      .query<BoostRow, [number]>("SELECT * FROM boosts WHERE message_id = ? ORDER BY created_at, id")
      .all(messageId)
      .map((row) => new Boost(db, row));
  }

  static give(message: Message, booster: User, content: string): Boost {
    const boost = inTransaction(message.db, () => {
      const now = toDbTime(new Date());
      const row = message.db
        .query<BoostRow, [number, number, string, string, string]>(
          `INSERT INTO boosts (message_id, booster_id, content, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5) RETURNING *`,
        )
        .get(message.id, booster.id, content, now, now);
      message.touch();
      return new Boost(message.db, row!);
    });
    const room = message.room;
    if (room) broadcastsFor(message.db).boostGiven(room, message, boost);
    return boost;
  }

  // Only the booster may take a boost back, administrators included (security.md §3).
  static withdraw(message: Message, booster: User, boostId: number): boolean {
    const withdrawn = inTransaction(message.db, () => {
      const removed = message.db.run(
        "DELETE FROM boosts WHERE id = ? AND message_id = ? AND booster_id = ?",
        [boostId, message.id, booster.id],
      );
      if (removed.changes > 0) message.touch();
      return removed.changes > 0;
    });
    const room = message.room;
    if (withdrawn && room) broadcastsFor(message.db).boostWithdrawn(room, boostId);
    return withdrawn;
  }

  get id(): number {
    return this.row.id;
  }

  get boosterId(): number {
    return this.row.booster_id;
  }

  get content(): string {
    return this.row.content;
  }

  get messageId(): number {
    return this.row.message_id;
  }

  get createdAtTime(): Date {
    return fromDbTime(this.row.created_at);
  }

  get booster(): User | null {
    return User.find(this.db, this.row.booster_id);
  }
}
