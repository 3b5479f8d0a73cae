/**
 * Whether an agent is reachable (rest.md §5 health): connected over WebSocket means online;
 * otherwise the last probe of its A2A endpoint, cached 60 s under the original's Redis key,
 * or a fresh probe.
 */
import type { TtlStore } from "../state/ttl-store.ts";
import type { AgentEndpointFetch } from "./a2a-probe.ts";
import type { AgentPresence } from "./presence.ts";

export type HealthStatus = "online" | "offline" | "error";

export interface HealthResult {
  status: HealthStatus;
  latencyMs: number | null;
  checkedAt: string;
  mode?: "websocket";
}

export const HEALTH_CACHE_TTL_SECONDS = 60;
export const healthCacheKey = (agentId: string): string => `agent:health:${agentId}`;

export interface HealthDeps {
  presence: AgentPresence;
  cache: TtlStore;
  fetchEndpoint: AgentEndpointFetch;
  now: () => Date;
}

/** One uncached probe: 2xx online, other statuses error, no answer offline. */
export async function probeEndpoint(
  endpoint: string | null,
  fetchEndpoint: AgentEndpointFetch,
  now: () => Date,
): Promise<HealthResult> {
  if (!endpoint) return { status: "offline", latencyMs: null, checkedAt: now().toISOString() };
  const started = performance.now();
  try {
    const response = await fetchEndpoint(endpoint);
    await response.body?.cancel();
    const latencyMs = Math.round(performance.now() - started);
    return { status: response.ok ? "online" : "error", latencyMs, checkedAt: now().toISOString() };
  } catch {
    return { status: "offline", latencyMs: null, checkedAt: now().toISOString() };
  }
}

const isHealthResult = (value: unknown): value is HealthResult =>
  typeof value === "object" && value !== null && typeof Reflect.get(value, "status") === "string";

async function cached(cache: TtlStore, agentId: string): Promise<HealthResult | undefined> {
  const raw = await cache.get(healthCacheKey(agentId)).catch(() => null);
  if (raw === null) return undefined;
  try {
    const value: unknown = JSON.parse(raw);
    return isHealthResult(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export async function agentHealth(
  deps: HealthDeps,
  agent: { id: string; a2aEndpoint: string | null },
): Promise<HealthResult> {
  if (deps.presence.connected(agent.id) !== undefined) {
    return { status: "online", mode: "websocket", latencyMs: 0, checkedAt: deps.now().toISOString() };
  }
  const hit = await cached(deps.cache, agent.id);
  if (hit !== undefined) return hit;
  const result = await probeEndpoint(agent.a2aEndpoint, deps.fetchEndpoint, deps.now);
  await deps.cache
    .set(healthCacheKey(agent.id), JSON.stringify(result), HEALTH_CACHE_TTL_SECONDS)
    .catch(() => undefined);
  return result;
}
