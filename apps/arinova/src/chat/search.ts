/**
 * Message search across the caller's conversations (rest.md §8): a plain substring match,
 * `%` and `_` acting as wildcards as they did in the original.
 */
import { and, count, desc, eq, ilike } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { agents, conversations, messages } from "../db/schema/index.ts";

export async function searchMessages(db: Database, userId: string, q: string, limit: number, offset: number) {
  const where = and(eq(conversations.userId, userId), ilike(messages.content, `%${q}%`));
  const results = await db
    .select({
      messageId: messages.id,
      conversationId: messages.conversationId,
      content: messages.content,
      role: messages.role,
      createdAt: messages.createdAt,
      conversationTitle: conversations.title,
      agentId: agents.id,
      agentName: agents.name,
      agentAvatarUrl: agents.avatarUrl,
    })
    .from(messages)
    .innerJoin(conversations, eq(messages.conversationId, conversations.id))
    .leftJoin(agents, eq(conversations.agentId, agents.id))
    .where(where)
    // seq, then id, break ties between messages stamped in the same clock tick.
    .orderBy(desc(messages.createdAt), desc(messages.seq), desc(messages.id))
    .limit(limit)
    .offset(offset);
  const [total] = await db
    .select({ n: count() })
    .from(messages)
    .innerJoin(conversations, eq(messages.conversationId, conversations.id))
    .where(where);
  return { results, total: total?.n ?? 0 };
}
