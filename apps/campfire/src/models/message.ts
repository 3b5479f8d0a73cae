import { type Db, inTransaction } from "../db/database.ts";
import { fromDbTime, toDbTime } from "../db/time.ts";
import { type AttachedBlob, attachedFiles } from "./attached-file.ts";
import { Boost } from "./boost.ts";
import { broadcastsFor } from "./broadcaster.ts";
import { plainTextWithMentions, prepareBody } from "./message-body.ts";
import { messageSearchIndex } from "./message-search-index.ts";
import { mentionedUserIds } from "./rich-text/mentions.ts";
import { sanitizeRichText } from "./rich-text/sanitize.ts";
import { Room } from "./room.ts";
import { soundNamedIn } from "./sound.ts";
import { User } from "./user.ts";

// A message row joined with its Action Text body (data.md: the body lives in action_text_rich_texts).
export interface MessageRow {
  id: number;
  room_id: number;
  creator_id: number;
  client_message_id: string;
  created_at: string;
  updated_at: string;
  body: string | null;
}

export const BODY_JOIN = `LEFT JOIN action_text_rich_texts ON action_text_rich_texts.record_type = 'Message'
    AND action_text_rich_texts.record_id = messages.id AND action_text_rich_texts.name = 'body'`;
export const MESSAGE_WITH_BODY = `SELECT messages.*, action_text_rich_texts.body AS body FROM messages ${BODY_JOIN}`;

export class Message {
  constructor(
    readonly db: Db,
    private row: MessageRow,
  ) {}

  static find(db: Db, id: number): Message | null {
    const row = db.query<MessageRow, [number]>(`${MESSAGE_WITH_BODY} WHERE messages.id = ?`).get(id);
    return row ? new Message(db, row) : null;
  }

  get id(): number {
    return this.row.id;
  }

  get roomId(): number {
    return this.row.room_id;
  }

  get creatorId(): number {
    return this.row.creator_id;
  }

  // The DOM key: the browser's optimistic copy and the saved message share it (http.md §5).
  get clientMessageId(): string {
    return this.row.client_message_id;
  }

  get createdAt(): string {
    return this.row.created_at;
  }

  get updatedAt(): string {
    return this.row.updated_at;
  }

  get createdAtTime(): Date {
    return fromDbTime(this.row.created_at);
  }

  get updatedAtTime(): Date {
    return fromDbTime(this.row.updated_at);
  }

  // Sanitized again on the way out, like the original: rows may come from an older database or an import.
  get bodyHtml(): string {
    return sanitizeRichText(this.row.body ?? "");
  }

  // What search and notifications read: the text, or an attachment's filename.
  get plainText(): string {
    if (this.row.body === null) return this.attachment?.filename ?? "";
    return plainTextWithMentions(this.db, this.bodyHtml);
  }

  // The file of a message that is a file (bot uploads, webhook replies that aren't text).
  get attachment(): AttachedBlob | null {
    return attachedFiles.find(this.db, { recordType: "Message", recordId: this.row.id, name: "attachment" });
  }

  // The sound a `/play` message plays for everyone, or null for an ordinary message.
  get sound(): string | null {
    return soundNamedIn(this.plainText);
  }

  // Mentioned people who can actually see the message (members of its room), each once.
  get mentioneeIds(): number[] {
    // Most messages mention nobody; only then is the room's membership worth reading.
    const mentioned = mentionedUserIds(this.bodyHtml);
    if (mentioned.length === 0) return [];
    const members = new Set(this.room?.memberships.userIds() ?? []);
    return mentioned.filter((id) => members.has(id));
  }

  get room(): Room | null {
    return Room.find(this.db, this.row.room_id);
  }

  get creator(): User | null {
    return User.find(this.db, this.row.creator_id);
  }

  get boosts(): Boost[] {
    return Boost.allFor(this.db, this.row.id);
  }

  // Boosts and edits touch the message, and through it the room (so Pings re-sort and catch-up sees it).
  touch(at: Date = new Date()): void {
    const now = toDbTime(at);
    this.row.updated_at = now;
    this.db.run("UPDATE messages SET updated_at = ? WHERE id = ?", [now, this.row.id]);
    this.db.run("UPDATE rooms SET updated_at = ? WHERE id = ?", [now, this.row.room_id]);
  }

  // Edits replace the body everywhere the message is shown; they notify nobody (no push, no webhook).
  edit(html: string): void {
    const { body, plainText } = prepareBody(this.db, html);
    inTransaction(this.db, () => {
      this.db.run(
        `UPDATE action_text_rich_texts SET body = ?, updated_at = ?
         WHERE record_type = 'Message' AND record_id = ? AND name = 'body'`,
        [body, toDbTime(new Date()), this.row.id],
      );
      messageSearchIndex.update(this.db, this.row.id, plainText);
      this.row = { ...this.row, body };
      this.touch();
    });
    const room = this.room;
    if (room) broadcastsFor(this.db).messageUpdated(room, this);
  }

  destroy(): void {
    inTransaction(this.db, () => {
      this.db.run("DELETE FROM boosts WHERE message_id = ?", [this.row.id]);
      this.db.run("DELETE FROM action_text_rich_texts WHERE record_type = 'Message' AND record_id = ?", [
        this.row.id,
      ]);
      messageSearchIndex.remove(this.db, this.row.id);
      // The rows go; the file itself stays on disk (models don't hold the file store).
      attachedFiles.detach(this.db, { recordType: "Message", recordId: this.row.id, name: "attachment" });
      this.db.run("DELETE FROM messages WHERE id = ?", [this.row.id]);
    });
    const room = this.room;
    if (room) broadcastsFor(this.db).messageRemoved(room, this);
  }
}
