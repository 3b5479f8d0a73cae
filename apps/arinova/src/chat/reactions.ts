/** Emoji reactions on messages (rest.md §12). */
import { and, asc, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { conversations, messageReactions, messages } from "../db/schema/index.ts";

/** Who owns the conversation a message is in, or undefined when the message does not exist. */
export async function messageOwner(db: Database, messageId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: conversations.userId })
    .from(messages)
    .innerJoin(conversations, eq(messages.conversationId, conversations.id))
    .where(eq(messages.id, messageId));
  return row?.userId;
}

/** The new row, or, when the user already reacted with this emoji, just the triple (as the original). */
export async function addReaction(db: Database, messageId: string, userId: string, emoji: string) {
  const [row] = await db
    .insert(messageReactions)
    .values({ messageId, userId, emoji })
    .onConflictDoNothing()
    .returning();
  return row ?? { messageId, userId, emoji };
}

export async function removeReaction(
  db: Database,
  messageId: string,
  userId: string,
  emoji: string,
): Promise<boolean> {
  const deleted = await db
    .delete(messageReactions)
    .where(
      and(
        eq(messageReactions.messageId, messageId),
        eq(messageReactions.userId, userId),
        eq(messageReactions.emoji, emoji),
      ),
    )
    .returning({ id: messageReactions.id });
  return deleted.length > 0;
}

export interface ReactionSummary {
  emoji: string;
  count: number;
  userReacted: boolean;
}

/** Grouped by emoji in the order each emoji was first used. */
export async function reactionSummary(
  db: Database,
  messageId: string,
  userId: string,
): Promise<ReactionSummary[]> {
  const rows = await db
    .select({ emoji: messageReactions.emoji, userId: messageReactions.userId })
    .from(messageReactions)
    .where(eq(messageReactions.messageId, messageId))
    .orderBy(asc(messageReactions.createdAt), asc(messageReactions.id));
  const summary = new Map<string, ReactionSummary>();
  for (const row of rows) {
    const entry = summary.get(row.emoji) ?? { emoji: row.emoji, count: 0, userReacted: false };
    entry.count += 1;
    entry.userReacted ||= row.userId === userId;
    summary.set(row.emoji, entry);
  }
  return [...summary.values()];
}
