/** Web-push subscriptions and per-user notification preferences. */
import { boolean, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";

/** No unique endpoint: the API keeps one subscription per (user, endpoint) itself. */
export const pushSubscriptions = pgTable("push_subscriptions", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id),
  endpoint: text("endpoint").notNull(),
  p256dh: text("p256dh").notNull(),
  auth: text("auth").notNull(),
  deviceInfo: text("device_info"),
  createdAt: timestamp("created_at").notNull().defaultNow(),
});

export const notificationPreferences = pgTable("notification_preferences", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: text("user_id")
    .notNull()
    .unique("notification_preferences_user_id_unique")
    .references(() => user.id),
  globalEnabled: boolean("global_enabled").notNull().default(true),
  messageEnabled: boolean("message_enabled").notNull().default(true),
  playgroundInviteEnabled: boolean("playground_invite_enabled").notNull().default(true),
  playgroundTurnEnabled: boolean("playground_turn_enabled").notNull().default(true),
  playgroundResultEnabled: boolean("playground_result_enabled").notNull().default(true),
  /** "HH:mm" */
  quietHoursStart: varchar("quiet_hours_start", { length: 5 }),
  /** "HH:mm" */
  quietHoursEnd: varchar("quiet_hours_end", { length: 5 }),
});
