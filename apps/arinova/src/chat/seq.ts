/**
 * Message sequence numbers: per conversation, `max(seq) + 1`, starting at 1 (and again at 1
 * after a conversation is cleared, as in the original). The column is not unique (old data
 * holds duplicates), so concurrent writers are serialized by a transaction-scoped advisory
 * lock on the conversation instead. Every writer of messages (uploads, the WebSocket pipeline)
 * goes through `appendMessage` or `nextSeq`.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { conversations, messages } from "../db/schema/index.ts";

export type Message = typeof messages.$inferSelect;
type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface NewMessage {
  conversationId: string;
  role: "user" | "agent";
  content: string;
  status: "pending" | "streaming" | "completed" | "cancelled" | "error";
}

export interface AppendOptions {
  /** Also set `conversations.updated_at` (moves the conversation up the list), in the same transaction. */
  bumpConversation?: boolean;
}

const lockConversation = (tx: Transaction, conversationId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${conversationId}, 0))`);

/** Call inside a transaction: holds the conversation's lock until it ends. */
export async function nextSeq(tx: Transaction, conversationId: string): Promise<number> {
  await lockConversation(tx, conversationId);
  const [row] = await tx
    .select({ max: sql<number | null>`max(${messages.seq})` })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  return Number(row?.max ?? 0) + 1;
}

/**
 * The lock, the insert (its seq computed in the same statement) and the optional bump are sent
 * together without waiting for each other's answers: the server still runs them in order, and
 * the insert's snapshot is taken after the lock is granted, so `max(seq)` sees every earlier
 * writer. One round trip instead of four, which is what a burst of new streams is made of.
 */
export async function appendMessage(
  db: Database,
  message: NewMessage,
  options: AppendOptions = {},
): Promise<Message> {
  const [row] = await appendMessages(db, [message], options);
  return row!;
}

/**
 * Several messages of one conversation with consecutive seqs, in the given order, in one
 * transaction and one statement (a user message and the agent's answer starting: one commit).
 */
export function appendMessages(
  db: Database,
  batch: readonly NewMessage[],
  options: AppendOptions = {},
): Promise<Message[]> {
  const conversationId = batch[0]!.conversationId;
  if (batch.some((message) => message.conversationId !== conversationId)) {
    throw new Error("appendMessages: one conversation per call");
  }
  return db.transaction(async (tx) => {
    const seqAfterMax = (offset: number) =>
      sql<number>`(select coalesce(max(${messages.seq}), 0) + ${offset} from ${messages} where ${messages.conversationId} = ${conversationId})`;
    const insert = tx
      .insert(messages)
      // Stamped after the lock is held, so creation order (what pages sort by) agrees with seq.
      .values(
        batch.map((message, index) => ({
          ...message,
          seq: seqAfterMax(index + 1),
          createdAt: sql`clock_timestamp()`,
          updatedAt: sql`clock_timestamp()`,
        })),
      )
      .returning();
    const bump = options.bumpConversation
      ? tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, conversationId))
      : undefined;
    const [, rows] = await Promise.all([lockConversation(tx, conversationId), insert, bump]);
    return rows.sort((a, b) => a.seq - b.seq);
  });
}
