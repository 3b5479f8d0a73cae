/**
 * The sidebar list (rest.md §7 GET /api/conversations): each conversation with its agent's (or
 * group's) display fields and its last message, pinned ones last (the original's NULLS FIRST
 * order, kept for parity; see COMPATIBILITY.md).
 */
import { and, asc, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { agents, conversationMembers, conversations, messages } from "../db/schema/index.ts";
import type { Message } from "./seq.ts";

export async function listConversations(db: Database, userId: string, q: string | undefined) {
  const pattern = `%${q ?? ""}%`;
  const rows = await db
    .select({
      conversation: conversations,
      agentName: agents.name,
      agentDescription: agents.description,
      agentAvatarUrl: agents.avatarUrl,
    })
    .from(conversations)
    .leftJoin(agents, eq(conversations.agentId, agents.id))
    .where(
      and(
        eq(conversations.userId, userId),
        q ? or(ilike(conversations.title, pattern), ilike(agents.name, pattern)) : undefined,
      ),
    )
    .orderBy(sql`${conversations.pinnedAt} desc nulls first`, desc(conversations.updatedAt));

  const ids = rows.map((row) => row.conversation.id);
  const lastMessages = await lastMessageOf(db, ids);
  const groupIds = rows.filter((row) => row.conversation.type === "group").map((row) => row.conversation.id);
  const memberNames = await memberNamesOf(db, groupIds);

  return rows.map(({ conversation, ...agent }) => {
    const names = memberNames.get(conversation.id) ?? [];
    const display =
      conversation.type === "group"
        ? {
            agentName: names.length > 0 ? names.join(", ") : "Empty group",
            agentDescription: `${names.length} ${names.length === 1 ? "agent" : "agents"}`,
            agentAvatarUrl: null,
          }
        : {
            agentName: agent.agentName ?? "Unknown",
            agentDescription: agent.agentDescription,
            agentAvatarUrl: agent.agentAvatarUrl,
          };
    return { ...conversation, ...display, lastMessage: lastMessages.get(conversation.id) ?? null };
  });
}

async function lastMessageOf(db: Database, conversationIds: string[]): Promise<Map<string, Message>> {
  if (conversationIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([messages.conversationId])
    .from(messages)
    .where(inArray(messages.conversationId, conversationIds))
    .orderBy(messages.conversationId, desc(messages.createdAt), desc(messages.seq));
  return new Map(rows.map((row) => [row.conversationId, row]));
}

async function memberNamesOf(db: Database, conversationIds: string[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  if (conversationIds.length === 0) return names;
  const rows = await db
    .select({ conversationId: conversationMembers.conversationId, name: agents.name })
    .from(conversationMembers)
    .innerJoin(agents, eq(conversationMembers.agentId, agents.id))
    .where(inArray(conversationMembers.conversationId, conversationIds))
    .orderBy(asc(conversationMembers.addedAt));
  for (const row of rows) names.set(row.conversationId, [...(names.get(row.conversationId) ?? []), row.name]);
  return names;
}
