import { type Db, inTransaction } from "../db/database.ts";
import { toDbTime } from "../db/time.ts";
import { attachedFiles } from "./attached-file.ts";
import { MESSAGE_WITH_BODY, Message, type MessageRow } from "./message.ts";
import { prepareBody } from "./message-body.ts";
import { messageSearchIndex } from "./message-search-index.ts";
import type { Room } from "./room.ts";
import type { User } from "./user.ts";

// Message::PAGE_SIZE: a room opens on its last 40 messages.
export const PAGE_SIZE = 40;

export interface NewMessage {
  creator: User;
  body: string;
  clientMessageId?: string;
}

export class RoomMessages {
  constructor(
    private readonly db: Db,
    private readonly room: Room,
  ) {}

  // Saves the message with its body and search entry, then hands it to the room, which is where every
  // posted message goes next. Bodies are sanitized before storage as well as on display.
  create(attributes: NewMessage): Message {
    const message = inTransaction(this.db, () => {
      const row = this.insertRow(attributes.creator, attributes.clientMessageId ?? crypto.randomUUID());
      const now = row.created_at;
      const { body, plainText } = prepareBody(this.db, attributes.body);
      this.db.run(
        `INSERT INTO action_text_rich_texts (name, body, record_type, record_id, created_at, updated_at)
         VALUES ('body', ?, 'Message', ?, ?, ?)`,
        [body, row.id, now, now],
      );
      messageSearchIndex.add(this.db, row.id, plainText);
      this.room.touch();
      return new Message(this.db, { ...row, body });
    });
    this.room.receive(message);
    return message;
  }

  // A file as a message of its own (the composer's uploads, the bot API's `attachment`, a webhook's
  // non-text reply). The
  // bytes are already in the FileStore under `file.key`; the filename is what search finds.
  createWithAttachment(attributes: {
    creator: User;
    file: { key: string; filename: string; contentType: string; bytes: Uint8Array };
    clientMessageId?: string;
  }): Message {
    const message = inTransaction(this.db, () => {
      const row = this.insertRow(attributes.creator, attributes.clientMessageId ?? crypto.randomUUID());
      attachedFiles.attach(
        this.db,
        { recordType: "Message", recordId: row.id, name: "attachment" },
        attributes.file,
      );
      messageSearchIndex.add(this.db, row.id, attributes.file.filename);
      this.room.touch();
      return new Message(this.db, { ...row, body: null });
    });
    this.room.receive(message);
    return message;
  }

  private insertRow(creator: User, clientMessageId: string): Omit<MessageRow, "body"> {
    const now = toDbTime(new Date());
    return this.db
      .query<Omit<MessageRow, "body">, [number, number, string, string, string]>(
        `INSERT INTO messages (room_id, creator_id, client_message_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5) RETURNING *`,
      )
      .get(this.room.id, creator.id, clientMessageId, now, now)!;
  }

  // The newest page, oldest first, as the room shows it.
  last(limit: number = PAGE_SIZE): Message[] {
    return this.db
      .query<MessageRow, [number, number]>(
        `SELECT * FROM (${MESSAGE_WITH_BODY} WHERE messages.room_id = ?1
           ORDER BY messages.created_at DESC, messages.id DESC LIMIT ?2)
         ORDER BY created_at, id`,
      )
      .all(this.room.id, limit)
      .map((row) => new Message(this.db, row));
  }

  // The page before a message (scrolling up), oldest first.
  before(id: number, limit: number = PAGE_SIZE): Message[] {
    return this.page("messages.id < ?2 ORDER BY messages.id DESC", id, limit).reverse();
  }

  // The page after a message (scrolling down from a permalink), oldest first.
  after(id: number, limit: number = PAGE_SIZE): Message[] {
    return this.page("messages.id > ?2 ORDER BY messages.id", id, limit);
  }

  // A permalink's page: 40 before, the message, 40 after.
  around(message: Message): Message[] {
    return [...this.before(message.id), message, ...this.after(message.id)];
  }

  // Catch-up after a reconnect: what was posted, and what changed (edits, boosts), since `since`.
  createdSince(since: Date, limit: number = PAGE_SIZE): Message[] {
    return this.page("messages.created_at > ?2 ORDER BY messages.id", toDbTime(since), limit);
  }

  updatedSince(since: Date, limit: number = PAGE_SIZE): Message[] {
    const query = "messages.updated_at > ?2 AND messages.created_at <= ?2 ORDER BY messages.updated_at DESC";
    return this.page(query, toDbTime(since), limit).reverse();
  }

  isLast(message: Message): boolean {
    return this.last(1)[0]?.id === message.id;
  }

  private page(condition: string, value: number | string, limit: number): Message[] {
    return this.db
      .query<MessageRow, [number, number | string, number]>(
        `${MESSAGE_WITH_BODY} WHERE messages.room_id = ?1 AND ${condition} LIMIT ?3`,
      )
      .all(this.room.id, value, limit)
      .map((row) => new Message(this.db, row));
  }

  find(id: number): Message | null {
    const message = Message.find(this.db, id);
    return message?.roomId === this.room.id ? message : null;
  }
}
