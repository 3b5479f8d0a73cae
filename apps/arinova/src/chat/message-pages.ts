/**
 * Pages of a conversation's messages (rest.md §8), by creation time like the original, with
 * full database precision: the original compared against a millisecond-truncated cursor, which
 * repeated the cursor message in `after` and `around` pages (see COMPATIBILITY.md).
 */
import { and, asc, desc, eq, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { isUuid } from "../ids.ts";
import type { Message } from "./seq.ts";

export type PageRequest =
  | { mode: "around"; messageId: string; limit: number }
  | { mode: "after"; messageId: string; limit: number }
  | { mode: "before"; messageId: string | undefined; limit: number };

export type Page =
  | { kind: "target_not_found" }
  | {
      kind: "around";
      messages: Message[];
      hasMoreUp: boolean;
      hasMoreDown: boolean;
      nextCursor: string | null;
    }
  | { kind: "after"; messages: Message[]; hasMoreDown: boolean }
  | { kind: "before"; messages: Message[]; hasMore: boolean; nextCursor: string | null };

/**
 * Position relative to a cursor message by (created_at, seq): creation time as the original
 * orders, with seq breaking ties between messages stamped in the same clock tick (PGlite's clock
 * is millisecond-grained, so quick appends can share a created_at).
 */
const position = (op: "<" | ">", messageId: string) =>
  sql`(${messages.createdAt}, ${messages.seq}) ${sql.raw(op)} (select m.created_at, m.seq from ${messages} m where m.id = ${messageId})`;
const olderThan = (messageId: string) => position("<", messageId);
const newerThan = (messageId: string) => position(">", messageId);

async function cursorExists(db: Database, messageId: string): Promise<boolean> {
  if (!isUuid(messageId)) return false;
  const [row] = await db.select({ id: messages.id }).from(messages).where(eq(messages.id, messageId));
  return row !== undefined;
}

/** Up to `limit` messages matching `condition`, from the newest or from the oldest. */
function take(
  db: Database,
  conversationId: string,
  from: "newest" | "oldest",
  condition: SQL,
  limit: number,
) {
  const order =
    from === "newest"
      ? [desc(messages.createdAt), desc(messages.seq)]
      : [asc(messages.createdAt), asc(messages.seq)];
  return db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), condition))
    .orderBy(...order)
    .limit(limit);
}

const newest = (db: Database, conversationId: string, condition: SQL | undefined, limit: number) =>
  take(db, conversationId, "newest", condition ?? sql`true`, limit);
const oldest = (db: Database, conversationId: string, condition: SQL, limit: number) =>
  take(db, conversationId, "oldest", condition, limit);

export async function messagePage(db: Database, conversationId: string, request: PageRequest): Promise<Page> {
  const limit = Math.max(0, request.limit);
  if (request.mode === "around") {
    if (!isUuid(request.messageId)) return { kind: "target_not_found" };
    const [target] = await db
      .select()
      .from(messages)
      .where(and(eq(messages.id, request.messageId), eq(messages.conversationId, conversationId)));
    if (target === undefined) return { kind: "target_not_found" };
    const half = Math.floor(limit / 2);
    const older = await newest(db, conversationId, olderThan(target.id), half + 1);
    const newer = await oldest(db, conversationId, newerThan(target.id), half + 1);
    const hasMoreUp = older.length > half;
    const hasMoreDown = newer.length > half;
    const shownOlder = older.slice(0, half).reverse();
    return {
      kind: "around",
      messages: [...shownOlder, target, ...newer.slice(0, half)],
      hasMoreUp,
      hasMoreDown,
      nextCursor: hasMoreUp ? (shownOlder[0]?.id ?? null) : null,
    };
  }
  if (request.mode === "after") {
    if (!(await cursorExists(db, request.messageId)))
      return { kind: "after", messages: [], hasMoreDown: false };
    const rows = await oldest(db, conversationId, newerThan(request.messageId), limit + 1);
    return { kind: "after", messages: rows.slice(0, limit), hasMoreDown: rows.length > limit };
  }
  const before =
    request.messageId !== undefined && (await cursorExists(db, request.messageId))
      ? olderThan(request.messageId)
      : undefined;
  const rows = await newest(db, conversationId, before, limit + 1);
  const page = rows.slice(0, limit).reverse();
  return { kind: "before", messages: page, hasMore: rows.length > limit, nextCursor: page[0]?.id ?? null };
}
