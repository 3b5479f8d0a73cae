/**
 * AI agents owned by users. Keys are declared in the order the original API emits an agent's
 * JSON (its schema.ts order), which differs from the physical column order; Drizzle returns
 * selected rows in declaration order, so a row can be serialized as is.
 */
import { boolean, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

export interface QuickReply {
  label: string;
  message: string;
}

export const agents = pgTable("agents", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: varchar("name", { length: 100 }).notNull(),
  description: text("description"),
  avatarUrl: text("avatar_url"),
  /** Legacy A2A agent-card URL, used only by health/skills/status probes. */
  a2aEndpoint: text("a2a_endpoint"),
  /** The agent's credential for /ws/agent: `ari_` + 48 lowercase hex characters. */
  secretToken: varchar("secret_token", { length: 64 }).unique("agents_secret_token_unique"),
  ownerId: text("owner_id")
    .notNull()
    .references(() => user.id),
  isPublic: boolean("is_public").notNull().default(false),
  category: varchar("category", { length: 50 }),
  usageCount: integer("usage_count").notNull().default(0),
  systemPrompt: text("system_prompt"),
  welcomeMessage: text("welcome_message"),
  quickReplies: jsonb("quick_replies").$type<QuickReply[]>(),
  notificationsEnabled: boolean("notifications_enabled").notNull().default(true),
  createdAt: timestamp("created_at").notNull().defaultNow(),
  updatedAt: timestamp("updated_at").notNull().defaultNow(),
});
