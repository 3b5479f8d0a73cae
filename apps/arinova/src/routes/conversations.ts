/** `/api/conversations…` (rest.md §7): direct conversations, listing, reads and mute. */
import { AppError } from "@rt/kit";
import { Hono } from "hono";
import { z } from "zod";
import { findAgent } from "../agents/agents.ts";
import { probeEndpoint } from "../agents/health.ts";
import { listConversations } from "../chat/conversation-list.ts";
import {
  agentOf,
  clearMessages,
  createDirectConversation,
  deleteConversation,
  findConversation,
  markRead,
  messageCount,
  setMuted,
  updateConversation,
} from "../chat/conversations.ts";
import { parseBody, readBody } from "../http/body.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { noContent, sendJson } from "../http/json.ts";
import { uuidParam } from "../http/params.ts";
import type { RouteDeps } from "./deps.ts";

const NOT_FOUND = "Conversation not found";

const createBody = z.object({ agentId: z.uuid(), title: z.string().max(200).optional() });
// The original did not validate these bodies; the database's varchar(200) limited the title.
const updateBody = z.object({
  title: z.string().max(200).nullable().optional(),
  pinned: z.boolean().optional(),
});
const muteBody = z.object({ muted: z.boolean() });

export function conversationRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const { db, requireAuth } = deps;
  const routes = new Hono<ArinovaEnv>();
  const conversationId = (c: Parameters<typeof uuidParam>[0]) => uuidParam(c, "id", NOT_FOUND);
  const owned = async (userId: string, id: string) => {
    const conversation = await findConversation(db, userId, id);
    if (conversation === undefined) throw new AppError("not_found", NOT_FOUND);
    return conversation;
  };

  routes.post("/api/conversations", readBody, requireAuth, async (c) => {
    const { agentId, title } = parseBody(c, createBody);
    const userId = c.get("user").id;
    if ((await findAgent(db, userId, agentId)) === undefined)
      throw new AppError("not_found", "Agent not found");
    return sendJson(c, await createDirectConversation(db, userId, agentId, title), 201);
  });

  routes.get("/api/conversations", requireAuth, async (c) =>
    sendJson(c, await listConversations(db, c.get("user").id, c.req.query("q"))),
  );

  routes.get("/api/conversations/:id", requireAuth, async (c) =>
    sendJson(c, await owned(c.get("user").id, conversationId(c))),
  );

  routes.put("/api/conversations/:id", readBody, requireAuth, async (c) => {
    const id = conversationId(c);
    const changes = parseBody(c, updateBody);
    const conversation = await updateConversation(db, c.get("user").id, id, changes);
    if (conversation === undefined) throw new AppError("not_found", NOT_FOUND);
    return sendJson(c, conversation);
  });

  routes.delete("/api/conversations/:id", readBody, requireAuth, async (c) => {
    if (!(await deleteConversation(db, c.get("user").id, conversationId(c))))
      throw new AppError("not_found", NOT_FOUND);
    return noContent(c);
  });

  routes.delete("/api/conversations/:id/messages", readBody, requireAuth, async (c) => {
    const conversation = await owned(c.get("user").id, conversationId(c));
    return sendJson(c, { success: true, deleted: await clearMessages(db, conversation.id) });
  });

  routes.put("/api/conversations/:id/read", readBody, requireAuth, async (c) => {
    const conversation = await owned(c.get("user").id, conversationId(c));
    return sendJson(c, { lastReadSeq: await markRead(db, c.get("user").id, conversation.id) });
  });

  routes.put("/api/conversations/:id/mute", readBody, requireAuth, async (c) => {
    const id = conversationId(c);
    const { muted } = parseBody(c, muteBody);
    const conversation = await owned(c.get("user").id, id);
    await setMuted(db, c.get("user").id, conversation.id, muted);
    return sendJson(c, { muted });
  });

  routes.get("/api/conversations/:id/status", requireAuth, async (c) => {
    const conversation = await owned(c.get("user").id, conversationId(c));
    const agent = conversation.type === "direct" ? await agentOf(db, conversation.agentId) : undefined;
    // A live probe, deliberately uncached and blind to WebSocket connections, as in the original.
    const probe = agent ? await probeEndpoint(agent.a2aEndpoint, deps.fetchEndpoint, deps.now) : undefined;
    return sendJson(c, {
      conversation: {
        id: conversation.id,
        title: conversation.title,
        type: conversation.type,
        createdAt: conversation.createdAt,
        messageCount: await messageCount(db, conversation.id),
      },
      agent:
        agent && probe
          ? {
              id: agent.id,
              name: agent.name,
              a2aEndpoint: agent.a2aEndpoint,
              status: probe.status,
              latencyMs: probe.latencyMs,
            }
          : null,
    });
  });

  return routes;
}
