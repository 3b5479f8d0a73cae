/**
 * Conversations between a user and one agent (`direct`) or several (`group`), the agents of a
 * group, and each user's read pointer. Keys follow the original API's JSON order.
 */
import {
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
import { agents } from "./agents.ts";
import { user } from "./auth.ts";
import { conversationType } from "./enums.ts";

export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    title: varchar("title", { length: 200 }),
    type: conversationType("type").notNull().default("direct"),
    userId: text("user_id")
      .notNull()
      .references(() => user.id),
    /** Set for `direct`, NULL for `group`. */
    agentId: uuid("agent_id").references(() => agents.id),
    /** Non-null means pinned. */
    pinnedAt: timestamp("pinned_at"),
    createdAt: timestamp("created_at").notNull().defaultNow(),
    updatedAt: timestamp("updated_at").notNull().defaultNow(),
  },
  (table) => [index("conversations_user_id_idx").using("btree", table.userId)],
);

/** Group membership (agents only). No unique (conversation, agent): the API checks instead. */
export const conversationMembers = pgTable("conversation_members", {
  id: uuid("id").primaryKey().defaultRandom(),
  conversationId: uuid("conversation_id")
    .notNull()
    .references(() => conversations.id, { onDelete: "cascade" }),
  agentId: uuid("agent_id")
    .notNull()
    .references(() => agents.id),
  addedAt: timestamp("added_at").notNull().defaultNow(),
});

export const conversationReads = pgTable(
  "conversation_reads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id),
    conversationId: uuid("conversation_id")
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** Only ever increases: upserts take GREATEST(old, new). */
    lastReadSeq: integer("last_read_seq").notNull().default(0),
    muted: boolean("muted").notNull().default(false),
    updatedAt: timestamp("updated_at").notNull().defaultNow(),
  },
  // The real database carries both of these identical indexes (migrations 0012 and 0014);
  // declaring both keeps this schema equal to it. Either serves ON CONFLICT (user_id, conversation_id).
  (table) => [
    uniqueIndex("conversation_reads_user_conversation_idx").using(
      "btree",
      table.userId,
      table.conversationId,
    ),
    uniqueIndex("conversation_reads_user_conv_idx").using("btree", table.userId, table.conversationId),
  ],
);
