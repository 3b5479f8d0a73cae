/**
 * `mark_read` (websocket.md §2.4): the user's read pointer only moves up. Only the
 * conversation's owner moves it; the original wrote a row for any existing conversation id,
 * so a foreign id left a stray `conversation_reads` row behind.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { conversationReads, conversations } from "../db/schema/index.ts";

export async function markRead(
  db: Database,
  userId: string,
  conversationId: string,
  seq: number,
): Promise<void> {
  const [owned] = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
  if (owned === undefined) return;
  await db
    .insert(conversationReads)
    .values({ userId, conversationId, lastReadSeq: seq })
    .onConflictDoUpdate({
      target: [conversationReads.userId, conversationReads.conversationId],
      set: {
        lastReadSeq: sql`greatest(${conversationReads.lastReadSeq}, excluded.last_read_seq)`,
        updatedAt: sql`now()`,
      },
    });
}
