/** `/api/agents…` (rest.md §5) except the avatar upload and the health routes. */
import { AppError } from "@rt/kit";
import { Hono } from "hono";
import { z } from "zod";
import {
  createAgent,
  deleteAgent,
  findAgent,
  listAgents,
  regenerateToken,
  updateAgent,
} from "../agents/agents.ts";
import { attachmentDisposition, exportJson, exportMarkdown } from "../agents/export-format.ts";
import { agentStats, deleteHistory, exportHistory } from "../agents/history.ts";
import { agentSkills } from "../agents/skills.ts";
import { parseBody, readBody } from "../http/body.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { JSON_CONTENT_TYPE, noContent, sendJson } from "../http/json.ts";
import { uuidParam } from "../http/params.ts";
import type { RouteDeps } from "./deps.ts";

const AGENT_NOT_FOUND = "Agent not found";

const quickReply = z.object({ label: z.string().min(1).max(50), message: z.string().min(1).max(500) });

const createAgentBody = z.object({
  name: z.string().min(1).max(100),
  description: z.string().max(500).optional(),
  a2aEndpoint: z.url().optional(),
});

const updateAgentBody = z.object({
  name: z.string().min(1).max(100).optional(),
  description: z.string().max(500).nullable().optional(),
  a2aEndpoint: z.url().nullable().optional(),
  avatarUrl: z.string().nullable().optional(),
  systemPrompt: z.string().max(4000).nullable().optional(),
  welcomeMessage: z.string().max(1000).nullable().optional(),
  quickReplies: z.array(quickReply).max(10).nullable().optional(),
  notificationsEnabled: z.boolean().optional(),
  isPublic: z.boolean().optional(),
  category: z.string().max(50).nullable().optional(),
});

export function agentRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const { db, requireAuth } = deps;
  const routes = new Hono<ArinovaEnv>();
  const agentId = (c: Parameters<typeof uuidParam>[0]) => uuidParam(c, "id", AGENT_NOT_FOUND);
  const ownedAgent = async (userId: string, id: string) => {
    const agent = await findAgent(db, userId, id);
    if (agent === undefined) throw new AppError("not_found", AGENT_NOT_FOUND);
    return agent;
  };

  routes.post("/api/agents", readBody, requireAuth, async (c) => {
    const input = parseBody(c, createAgentBody);
    return sendJson(c, await createAgent(db, c.get("user").id, input), 201);
  });

  routes.get("/api/agents", requireAuth, async (c) => sendJson(c, await listAgents(db, c.get("user").id)));

  routes.get("/api/agents/:id", requireAuth, async (c) =>
    sendJson(c, await ownedAgent(c.get("user").id, agentId(c))),
  );

  routes.put("/api/agents/:id", readBody, requireAuth, async (c) => {
    const id = agentId(c);
    const changes = parseBody(c, updateAgentBody);
    const agent = await updateAgent(db, c.get("user").id, id, changes);
    if (agent === undefined) throw new AppError("not_found", AGENT_NOT_FOUND);
    return sendJson(c, agent);
  });

  routes.delete("/api/agents/:id", readBody, requireAuth, async (c) => {
    if (!(await deleteAgent(db, c.get("user").id, agentId(c))))
      throw new AppError("not_found", AGENT_NOT_FOUND);
    return noContent(c);
  });

  routes.get("/api/agents/:id/skills", requireAuth, async (c) => {
    const agent = await ownedAgent(c.get("user").id, agentId(c));
    return sendJson(c, { skills: await agentSkills(agent, deps.presence, deps.fetchEndpoint) });
  });

  routes.post("/api/agents/:id/regenerate-token", readBody, requireAuth, async (c) => {
    const secretToken = await regenerateToken(db, c.get("user").id, agentId(c));
    if (secretToken === undefined) throw new AppError("not_found", AGENT_NOT_FOUND);
    return sendJson(c, { secretToken });
  });

  routes.get("/api/agents/:id/stats", requireAuth, async (c) => {
    const agent = await ownedAgent(c.get("user").id, agentId(c));
    return sendJson(c, await agentStats(db, c.get("user").id, agent.id));
  });

  routes.delete("/api/agents/:id/history", readBody, requireAuth, async (c) => {
    const agent = await ownedAgent(c.get("user").id, agentId(c));
    await deleteHistory(db, c.get("user").id, agent.id);
    return noContent(c);
  });

  routes.get("/api/agents/:id/export", requireAuth, async (c) => {
    const agent = await ownedAgent(c.get("user").id, agentId(c));
    const history = await exportHistory(db, c.get("user").id, agent.id);
    if (c.req.query("format") === "markdown") {
      return c.body(exportMarkdown(agent.name, history), 200, {
        "content-type": "text/markdown",
        "content-disposition": attachmentDisposition(agent.name, "md"),
      });
    }
    return c.body(JSON.stringify(exportJson(agent.name, history, deps.now())), 200, {
      "content-type": JSON_CONTENT_TYPE,
      "content-disposition": attachmentDisposition(agent.name, "json"),
    });
  });

  return routes;
}
