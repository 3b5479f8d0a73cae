/**
 * A user's conversations: direct ones with one agent, groups of several. Every verb takes the
 * owner, so someone else's conversation is one that does not exist.
 */
import { and, count, eq, max, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { agents, conversationReads, conversations, messages } from "../db/schema/index.ts";

export type Conversation = typeof conversations.$inferSelect;

const owned = (userId: string, id: string) => and(eq(conversations.id, id), eq(conversations.userId, userId));

export async function findConversation(
  db: Database,
  userId: string,
  id: string,
): Promise<Conversation | undefined> {
  const [conversation] = await db.select().from(conversations).where(owned(userId, id));
  return conversation;
}

export async function createDirectConversation(
  db: Database,
  userId: string,
  agentId: string,
  title: string | undefined,
): Promise<Conversation> {
  const [conversation] = await db
    .insert(conversations)
    .values({ userId, agentId, type: "direct", title: title ?? null })
    .returning();
  return conversation!;
}

export interface ConversationChanges {
  title?: string | null;
  pinned?: boolean;
}

/** Re-pinning refreshes the pin time; updatedAt always moves. */
export async function updateConversation(
  db: Database,
  userId: string,
  id: string,
  changes: ConversationChanges,
): Promise<Conversation | undefined> {
  const now = new Date();
  const [conversation] = await db
    .update(conversations)
    .set({
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.pinned !== undefined ? { pinnedAt: changes.pinned ? now : null } : {}),
      updatedAt: now,
    })
    .where(owned(userId, id))
    .returning();
  return conversation;
}

export async function deleteConversation(db: Database, userId: string, id: string): Promise<boolean> {
  const deleted = await db.delete(conversations).where(owned(userId, id)).returning({ id: conversations.id });
  return deleted.length > 0;
}

/** Deletes every message; numbering starts again at 1. Returns how many were deleted. */
export async function clearMessages(db: Database, conversationId: string): Promise<number> {
  const deleted = await db
    .delete(messages)
    .where(eq(messages.conversationId, conversationId))
    .returning({ id: messages.id });
  return deleted.length;
}

/** Moves the read pointer up to the newest seq (never down) and answers that newest seq. */
export async function markRead(db: Database, userId: string, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ max: max(messages.seq) })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  const maxSeq = row?.max ?? 0;
  await db
    .insert(conversationReads)
    .values({ userId, conversationId, lastReadSeq: maxSeq })
    .onConflictDoUpdate({
      target: [conversationReads.userId, conversationReads.conversationId],
      set: {
        lastReadSeq: sql`greatest(${conversationReads.lastReadSeq}, excluded.last_read_seq)`,
        updatedAt: sql`now()`,
      },
    });
  return maxSeq;
}

export async function setMuted(
  db: Database,
  userId: string,
  conversationId: string,
  muted: boolean,
): Promise<void> {
  await db
    .insert(conversationReads)
    .values({ userId, conversationId, lastReadSeq: 0, muted })
    .onConflictDoUpdate({
      target: [conversationReads.userId, conversationReads.conversationId],
      set: { muted, updatedAt: sql`now()` },
    });
}

export async function messageCount(db: Database, conversationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  return row?.n ?? 0;
}

export async function agentOf(db: Database, agentId: string | null) {
  if (agentId === null) return undefined;
  const [agent] = await db
    .select({ id: agents.id, name: agents.name, a2aEndpoint: agents.a2aEndpoint })
    .from(agents)
    .where(eq(agents.id, agentId));
  return agent;
}
