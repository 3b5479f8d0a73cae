/**
 * A user's agents. Every verb takes the owner: an agent someone else owns is, to the caller,
 * an agent that does not exist.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { agents, channels, conversationMembers, conversations, type QuickReply } from "../db/schema/index.ts";
import { generateBotToken } from "./token.ts";

export type Agent = typeof agents.$inferSelect;

export interface NewAgent {
  name: string;
  description?: string;
  a2aEndpoint?: string;
}

export interface AgentChanges {
  name?: string;
  description?: string | null;
  a2aEndpoint?: string | null;
  avatarUrl?: string | null;
  systemPrompt?: string | null;
  welcomeMessage?: string | null;
  quickReplies?: QuickReply[] | null;
  notificationsEnabled?: boolean;
  isPublic?: boolean;
  category?: string | null;
}

const owned = (ownerId: string, id: string) => and(eq(agents.id, id), eq(agents.ownerId, ownerId));

export async function createAgent(db: Database, ownerId: string, input: NewAgent): Promise<Agent> {
  const [agent] = await db
    .insert(agents)
    .values({ ...input, ownerId, secretToken: generateBotToken() })
    .returning();
  return agent!;
}

export function listAgents(db: Database, ownerId: string): Promise<Agent[]> {
  return db.select().from(agents).where(eq(agents.ownerId, ownerId)).orderBy(asc(agents.createdAt));
}

export async function findAgent(db: Database, ownerId: string, id: string): Promise<Agent | undefined> {
  const [agent] = await db.select().from(agents).where(owned(ownerId, id));
  return agent;
}

/** Only the given keys change (a key given as null clears the column); updatedAt always moves. */
export async function updateAgent(
  db: Database,
  ownerId: string,
  id: string,
  changes: AgentChanges,
): Promise<Agent | undefined> {
  const [agent] = await db
    .update(agents)
    .set({ ...changes, updatedAt: new Date() })
    .where(owned(ownerId, id))
    .returning();
  return agent;
}

export async function regenerateToken(
  db: Database,
  ownerId: string,
  id: string,
): Promise<string | undefined> {
  const [agent] = await db
    .update(agents)
    .set({ secretToken: generateBotToken(), updatedAt: new Date() })
    .where(owned(ownerId, id))
    .returning({ secretToken: agents.secretToken });
  return agent?.secretToken ?? undefined;
}

/**
 * Removes the agent and everything that points at it, in the original's order: group
 * memberships, its direct conversations (messages, reads, attachments and reactions cascade),
 * community channels' references, then the agent.
 */
export async function deleteAgent(db: Database, ownerId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [agent] = await tx.select({ id: agents.id }).from(agents).where(owned(ownerId, id)).for("update");
    if (agent === undefined) return false;
    await tx.delete(conversationMembers).where(eq(conversationMembers.agentId, id));
    const direct = tx
      .select({ id: conversations.id })
      .from(conversations)
      .where(eq(conversations.agentId, id));
    await tx.delete(conversations).where(inArray(conversations.id, direct));
    await tx.update(channels).set({ agentId: null }).where(eq(channels.agentId, id));
    await tx.delete(agents).where(eq(agents.id, id));
    return true;
  });
}
