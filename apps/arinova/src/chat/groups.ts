/** Group conversations and their agent members (rest.md §6). */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { agents, conversationMembers, conversations } from "../db/schema/index.ts";
import type { Conversation } from "./conversations.ts";

export type ConversationMember = typeof conversationMembers.$inferSelect;

/**
 * Creates the group if every id is an agent the user owns. Like the original, a repeated id
 * counts as a missing one (the found count must equal the list's length).
 */
export async function createGroup(
  db: Database,
  userId: string,
  title: string,
  agentIds: string[],
): Promise<(Conversation & { members: ConversationMember[] }) | undefined> {
  return db.transaction(async (tx) => {
    const found = await tx
      .select({ id: agents.id })
      .from(agents)
      .where(and(inArray(agents.id, agentIds), eq(agents.ownerId, userId)));
    if (found.length !== agentIds.length) return undefined;
    const [conversation] = await tx
      .insert(conversations)
      .values({ userId, title, type: "group", agentId: null })
      .returning();
    const members = await tx
      .insert(conversationMembers)
      .values(agentIds.map((agentId) => ({ conversationId: conversation!.id, agentId })))
      .returning();
    return { ...conversation!, members };
  });
}

export function listMembers(db: Database, conversationId: string) {
  return db
    .select({
      id: conversationMembers.id,
      conversationId: conversationMembers.conversationId,
      agentId: conversationMembers.agentId,
      addedAt: conversationMembers.addedAt,
      agentName: agents.name,
      agentDescription: agents.description,
      agentAvatarUrl: agents.avatarUrl,
    })
    .from(conversationMembers)
    .innerJoin(agents, eq(conversationMembers.agentId, agents.id))
    .where(eq(conversationMembers.conversationId, conversationId))
    .orderBy(asc(conversationMembers.addedAt));
}

export async function isMember(db: Database, conversationId: string, agentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: conversationMembers.id })
    .from(conversationMembers)
    .where(
      and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.agentId, agentId)),
    )
    .limit(1);
  return row !== undefined;
}

export async function addMember(
  db: Database,
  conversationId: string,
  agentId: string,
): Promise<ConversationMember> {
  const [member] = await db.insert(conversationMembers).values({ conversationId, agentId }).returning();
  return member!;
}

export async function removeMember(db: Database, conversationId: string, agentId: string): Promise<boolean> {
  const removed = await db
    .delete(conversationMembers)
    .where(
      and(eq(conversationMembers.conversationId, conversationId), eq(conversationMembers.agentId, agentId)),
    )
    .returning({ id: conversationMembers.id });
  return removed.length > 0;
}
