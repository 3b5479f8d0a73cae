import type { Db } from "../db/database.ts";

// The standalone FTS5 table keyed by message id, kept up to date by the application (no triggers),
// exactly as the original does, so a database moved between implementations stays searchable.
export const messageSearchIndex = {
  add(db: Db, messageId: number, plainText: string): void {
    db.run("INSERT INTO message_search_index (rowid, body) VALUES (?, ?)", [messageId, plainText]);
  },

  update(db: Db, messageId: number, plainText: string): void {
    db.run("UPDATE message_search_index SET body = ? WHERE rowid = ?", [plainText, messageId]);
  },

  remove(db: Db, messageId: number): void {
    db.run("DELETE FROM message_search_index WHERE rowid = ?", [messageId]);
  },
};
