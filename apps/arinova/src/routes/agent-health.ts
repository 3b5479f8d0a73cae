/** `GET /api/agents/health` and `GET /api/agents/:id/health` (rest.md §5). */
import { AppError } from "@rt/kit";
import { Hono } from "hono";
import { findAgent, listAgents } from "../agents/agents.ts";
import { agentHealth, type HealthDeps } from "../agents/health.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { sendJson } from "../http/json.ts";
import { uuidParam } from "../http/params.ts";
import type { RouteDeps } from "./deps.ts";

export function agentHealthRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const routes = new Hono<ArinovaEnv>();
  const health: HealthDeps = {
    presence: deps.presence,
    cache: deps.healthCache,
    fetchEndpoint: deps.fetchEndpoint,
    now: deps.now,
  };

  // Registered before `/api/agents/:id` so "health" is never taken for an id.
  routes.get("/api/agents/health", deps.requireAuth, async (c) => {
    const agents = await listAgents(deps.db, c.get("user").id);
    const results = await Promise.all(
      agents.map(async (agent) => ({ agentId: agent.id, ...(await agentHealth(health, agent)) })),
    );
    return sendJson(c, results);
  });

  routes.get("/api/agents/:id/health", deps.requireAuth, async (c) => {
    const id = uuidParam(c, "id", "Agent not found");
    const agent = await findAgent(deps.db, c.get("user").id, id);
    if (agent === undefined) throw new AppError("not_found", "Agent not found");
    return sendJson(c, await agentHealth(health, agent));
  });

  return routes;
}
