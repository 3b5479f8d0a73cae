/**
 * Messages of a conversation, their attachments and reactions. Keys follow the original API's
 * JSON order for a message.
 */
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { conversations } from "./conversations.ts";
import { messageRole, messageStatus } from "./enums.ts";

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Per-conversation sequence starting at 1; old data may hold duplicates (see the index). */
    seq: integer("seq").notNull(),
    role: messageRole("role").notNull(),
    content: text("content").notNull().default(""),
    status: messageStatus("status").notNull().default("pending"),
    createdAt: timestamp("created_at").notNull().defaultNow(),
    updatedAt: timestamp("updated_at").notNull().defaultNow(),
  },
  // Not unique in the real database (0014 recreated it as a plain index), and existing rows do
  // contain duplicate seqs, so it must stay non-unique.
  (table) => [
    index("messages_conversation_id_idx").using("btree", table.conversationId),
    index("messages_conversation_seq_idx").using("btree", table.conversationId, table.seq),
  ],
);

/** The public URL is not stored: it is derived from `storagePath` and the current configuration. */
export const attachments = pgTable("attachments", {
  id: uuid("id").primaryKey().defaultRandom(),
  messageId: uuid("message_id")
    .notNull()
    .references(() => messages.id, { onDelete: "cascade" }),
  fileName: varchar("file_name", { length: 255 }).notNull(),
  /** The MIME type the client declared, not the sniffed one. */
  fileType: varchar("file_type", { length: 100 }).notNull(),
  fileSize: integer("file_size").notNull(),
  storagePath: text("storage_path").notNull(),
  createdAt: timestamp("created_at").notNull().defaultNow(),
});

export const messageReactions = pgTable(
  "message_reactions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    messageId: uuid("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => user.id),
    emoji: varchar("emoji", { length: 32 }).notNull(),
    createdAt: timestamp("created_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("message_reactions_user_msg_emoji_idx").using(
      "btree",
      table.messageId,
      table.userId,
      table.emoji,
    ),
    index("message_reactions_message_id_idx").using("btree", table.messageId),
  ],
);
