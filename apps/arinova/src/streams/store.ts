/** The pipeline's reads and writes of conversations, agents and messages. */
import { and, asc, eq, sql } from "drizzle-orm";
import { appendMessage, type Message, type NewMessage } from "../chat/seq.ts";
import type { Database } from "../db/client.ts";
import { agents, conversationMembers, conversations, messages } from "../db/schema/index.ts";

export interface ChatAgent {
  id: string;
  name: string;
  systemPrompt: string | null;
  secretToken: string | null;
}

const agentColumns = {
  id: agents.id,
  name: agents.name,
  systemPrompt: agents.systemPrompt,
  secretToken: agents.secretToken,
};

export interface ChatConversation {
  id: string;
  type: "direct" | "group";
  agentId: string | null;
  /** The direct conversation's agent, read in the same query (null for groups or a deleted agent). */
  agent: ChatAgent | null;
}

export async function ownedConversation(
  db: Database,
  userId: string,
  conversationId: string,
): Promise<ChatConversation | undefined> {
  const [row] = await db
    .select({
      id: conversations.id,
      type: conversations.type,
      agentId: conversations.agentId,
      agent: agentColumns,
    })
    .from(conversations)
    .leftJoin(agents, eq(agents.id, conversations.agentId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.userId, userId)));
  return row;
}

/** Re-read when a queued turn starts: the conversation may have lost its agent meanwhile. */
export async function currentAgent(db: Database, conversationId: string): Promise<ChatAgent | undefined> {
  const [row] = await db
    .select(agentColumns)
    .from(conversations)
    .innerJoin(agents, eq(agents.id, conversations.agentId))
    .where(eq(conversations.id, conversationId));
  return row;
}

export async function groupAgentIds(db: Database, conversationId: string): Promise<string[]> {
  const rows = await db
    .select({ agentId: conversationMembers.agentId })
    .from(conversationMembers)
    .where(eq(conversationMembers.conversationId, conversationId))
    .orderBy(asc(conversationMembers.addedAt));
  // Group creation does not prevent duplicate members; each agent answers once.
  return [...new Set(rows.map((row) => row.agentId))];
}

export async function loadAgent(db: Database, agentId: string): Promise<ChatAgent | undefined> {
  const [row] = await db.select(agentColumns).from(agents).where(eq(agents.id, agentId));
  return row;
}

export async function agentByToken(
  db: Database,
  token: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: agents.id, name: agents.name })
    .from(agents)
    .where(eq(agents.secretToken, token));
  return row;
}

/** Appends with the next seq; `bump` also moves the conversation up the list. */
export function addMessage(db: Database, message: NewMessage, bump: boolean): Promise<Message> {
  return appendMessage(db, message, { bumpConversation: bump });
}

/**
 * Ends a streaming message. Only a message still `streaming` changes, so when completion,
 * cancellation, timeout or a sweep race (possibly on different instances) exactly one wins.
 */
export async function settleMessage(
  db: Database,
  messageId: string,
  status: "completed" | "error",
  content: string,
): Promise<boolean> {
  const updated = await db
    .update(messages)
    .set({ status, content, updatedAt: sql`now()` })
    .where(and(eq(messages.id, messageId), eq(messages.status, "streaming")))
    .returning({ id: messages.id });
  return updated.length > 0;
}
