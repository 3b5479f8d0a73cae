/**
 * The caller's direct conversations with one agent: counted for stats, exported, or deleted.
 * Group conversations the agent belongs to are never included.
 */
import { and, asc, count, eq, inArray, max } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { conversations, messages } from "../db/schema/index.ts";

const directWith = (userId: string, agentId: string) =>
  and(eq(conversations.agentId, agentId), eq(conversations.userId, userId));

export interface AgentStats {
  totalMessages: number;
  totalConversations: number;
  lastActive: Date | null;
}

/** The original's intended answer (its query failed whenever conversations existed). */
export async function agentStats(db: Database, userId: string, agentId: string): Promise<AgentStats> {
  const ids = db.select({ id: conversations.id }).from(conversations).where(directWith(userId, agentId));
  const [conversationCount] = await db
    .select({ n: count() })
    .from(conversations)
    .where(directWith(userId, agentId));
  const [messageStats] = await db
    .select({ n: count(), last: max(messages.createdAt) })
    .from(messages)
    .where(inArray(messages.conversationId, ids));
  return {
    totalMessages: messageStats?.n ?? 0,
    totalConversations: conversationCount?.n ?? 0,
    lastActive: messageStats?.last ?? null,
  };
}

export async function deleteHistory(db: Database, userId: string, agentId: string): Promise<void> {
  await db.delete(conversations).where(directWith(userId, agentId));
}

export interface ExportedConversation {
  conversationId: string;
  title: string | null;
  createdAt: Date;
  messages: { role: "user" | "agent"; content: string; status: string; createdAt: Date }[];
}

export async function exportHistory(
  db: Database,
  userId: string,
  agentId: string,
): Promise<ExportedConversation[]> {
  const rows = await db
    .select({ id: conversations.id, title: conversations.title, createdAt: conversations.createdAt })
    .from(conversations)
    .where(directWith(userId, agentId))
    .orderBy(asc(conversations.createdAt));
  const exported: ExportedConversation[] = [];
  for (const row of rows) {
    const history = await db
      .select({
        role: messages.role,
        content: messages.content,
        status: messages.status,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(eq(messages.conversationId, row.id))
      .orderBy(asc(messages.createdAt), asc(messages.seq));
    exported.push({ conversationId: row.id, title: row.title, createdAt: row.createdAt, messages: history });
  }
  return exported;
}
