/** Group conversations (rest.md §6). Mounted before the conversation routes: `group` is no id. */
import { AppError } from "@rt/kit";
import { Hono } from "hono";
import { z } from "zod";
import { findAgent } from "../agents/agents.ts";
import { findConversation } from "../chat/conversations.ts";
import { addMember, createGroup, isMember, listMembers, removeMember } from "../chat/groups.ts";
import { parseBody, readBody } from "../http/body.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { noContent, sendJson } from "../http/json.ts";
import { isUuid, uuidParam } from "../http/params.ts";
import type { RouteDeps } from "./deps.ts";

const NOT_FOUND = "Conversation not found";

const createBody = z.object({ title: z.string().min(1).max(200), agentIds: z.array(z.uuid()).min(1) });
const addBody = z.object({ agentId: z.uuid() });

export function groupRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const { db, requireAuth } = deps;
  const routes = new Hono<ArinovaEnv>();
  const owned = async (c: Parameters<typeof uuidParam>[0], userId: string) => {
    const conversation = await findConversation(db, userId, uuidParam(c, "id", NOT_FOUND));
    if (conversation === undefined) throw new AppError("not_found", NOT_FOUND);
    return conversation;
  };

  routes.post("/api/conversations/group", readBody, requireAuth, async (c) => {
    const { title, agentIds } = parseBody(c, createBody);
    const group = await createGroup(db, c.get("user").id, title, agentIds);
    if (group === undefined)
      throw new AppError("bad_request", "One or more agents not found or not owned by you");
    return sendJson(c, group, 201);
  });

  routes.get("/api/conversations/:id/members", requireAuth, async (c) => {
    const conversation = await owned(c, c.get("user").id);
    return sendJson(c, await listMembers(db, conversation.id));
  });

  routes.post("/api/conversations/:id/members", readBody, requireAuth, async (c) => {
    const { agentId } = parseBody(c, addBody);
    const userId = c.get("user").id;
    const conversation = await owned(c, userId);
    if (conversation.type === "direct")
      throw new AppError("bad_request", "Cannot add members to a direct conversation");
    if ((await findAgent(db, userId, agentId)) === undefined)
      throw new AppError("not_found", "Agent not found");
    if (await isMember(db, conversation.id, agentId)) {
      throw new AppError("conflict", "Agent is already a member of this group");
    }
    return sendJson(c, await addMember(db, conversation.id, agentId), 201);
  });

  routes.delete("/api/conversations/:id/members/:agentId", readBody, requireAuth, async (c) => {
    const conversation = await owned(c, c.get("user").id);
    if (conversation.type === "direct") {
      throw new AppError("bad_request", "Cannot remove members from a direct conversation");
    }
    const agentId = c.req.param("agentId");
    if (!isUuid(agentId) || !(await removeMember(db, conversation.id, agentId.toLowerCase()))) {
      throw new AppError("not_found", "Member not found in group");
    }
    return noContent(c);
  });

  return routes;
}
