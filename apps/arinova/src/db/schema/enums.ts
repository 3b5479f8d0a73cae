/**
 * PostgreSQL enum types of the original schema. Labels and their order are part of the
 * physical contract (an enum's sort order follows declaration order), so never reorder them.
 */
import { pgEnum } from "drizzle-orm/pg-core";

export const conversationType = pgEnum("conversation_type", ["direct", "group"]);

export const messageRole = pgEnum("message_role", ["user", "agent"]);

/** `pending` and `cancelled` exist in the type but the original never writes them. */
export const messageStatus = pgEnum("message_status", [
  "pending",
  "streaming",
  "completed",
  "cancelled",
  "error",
]);

export const communityRole = pgEnum("community_role", ["owner", "admin", "member"]);

export const appStatus = pgEnum("app_status", [
  "draft",
  "submitted",
  "scanning",
  "in_review",
  "published",
  "rejected",
  "suspended",
]);

export const appVersionStatus = pgEnum("app_version_status", [
  "submitted",
  "scanning",
  "in_review",
  "published",
  "rejected",
]);

export const coinTransactionType = pgEnum("coin_transaction_type", [
  "topup",
  "purchase",
  "refund",
  "payout",
  "earning",
]);

export const purchaseStatus = pgEnum("purchase_status", ["completed", "refunded"]);
