/** Agent avatars: the owner's agent only; the URL is stored as produced (relative or absolute). */
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { agents } from "../db/schema/index.ts";
import { isUuid } from "../http/params.ts";

export async function ownsAgent(db: Database, userId: string, agentId: string): Promise<boolean> {
  if (!isUuid(agentId)) return false;
  const [row] = await db
    .select({ id: agents.id })
    .from(agents)
    .where(and(eq(agents.id, agentId), eq(agents.ownerId, userId)));
  return row !== undefined;
}

export async function setAgentAvatar(db: Database, agentId: string, avatarUrl: string): Promise<void> {
  await db.update(agents).set({ avatarUrl, updatedAt: new Date() }).where(eq(agents.id, agentId));
}
