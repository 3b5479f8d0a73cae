/**
 * The app marketplace and coin wallet. No registered route uses these tables; they are kept
 * because they live in the shared database.
 */
import { integer, jsonb, pgTable, text, timestamp, uuid, varchar } from "drizzle-orm/pg-core";
import { user } from "./auth.ts";
import { appStatus, appVersionStatus, coinTransactionType, purchaseStatus } from "./enums.ts";

export const developerAccounts = pgTable("developer_accounts", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: text("user_id")
    .notNull()
    .unique("developer_accounts_user_id_unique")
    .references(() => user.id),
  displayName: varchar("display_name", { length: 100 }).notNull(),
  contactEmail: varchar("contact_email", { length: 255 }).notNull(),
  payoutInfo: text("payout_info"),
  termsAcceptedAt: timestamp("terms_accepted_at").notNull(),
  createdAt: timestamp("created_at").notNull().defaultNow(),
});

export const apps = pgTable("apps", {
  id: uuid("id").primaryKey().defaultRandom(),
  developerId: uuid("developer_id")
    .notNull()
    .references(() => developerAccounts.id),
  /** The manifest's id. */
  appId: varchar("app_id", { length: 100 }).notNull().unique("apps_app_id_unique"),
  name: varchar("name", { length: 100 }).notNull(),
  description: text("description").notNull(),
  category: varchar("category", { length: 50 }).notNull(),
  icon: text("icon").notNull(),
  status: appStatus("status").notNull().default("draft"),
  /** No foreign key in the real database. */
  currentVersionId: uuid("current_version_id"),
  createdAt: timestamp("created_at").notNull().defaultNow(),
  updatedAt: timestamp("updated_at").notNull().defaultNow(),
});

export const appVersions = pgTable("app_versions", {
  id: uuid("id").primaryKey().defaultRandom(),
  appId: uuid("app_id")
    .notNull()
    .references(() => apps.id, { onDelete: "cascade" }),
  version: varchar("version", { length: 50 }).notNull(),
  manifestJson: jsonb("manifest_json").notNull(),
  packagePath: text("package_path").notNull(),
  status: appVersionStatus("status").notNull().default("submitted"),
  reviewNotes: text("review_notes"),
  createdAt: timestamp("created_at").notNull().defaultNow(),
});

export const coinBalances = pgTable("coin_balances", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id),
  balance: integer("balance").notNull().default(0),
  updatedAt: timestamp("updated_at").notNull().defaultNow(),
});

export const coinTransactions = pgTable("coin_transactions", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id),
  type: coinTransactionType("type").notNull(),
  /** Positive is a credit, negative a debit. */
  amount: integer("amount").notNull(),
  relatedAppId: uuid("related_app_id").references(() => apps.id),
  relatedProductId: varchar("related_product_id", { length: 100 }),
  receiptId: varchar("receipt_id", { length: 255 }),
  description: text("description"),
  createdAt: timestamp("created_at").notNull().defaultNow(),
});

export const appPurchases = pgTable("app_purchases", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: text("user_id")
    .notNull()
    .references(() => user.id),
  appVersionId: uuid("app_version_id")
    .notNull()
    .references(() => appVersions.id),
  productId: varchar("product_id", { length: 100 }).notNull(),
  amount: integer("amount").notNull(),
  status: purchaseStatus("status").notNull().default("completed"),
  createdAt: timestamp("created_at").notNull().defaultNow(),
});
