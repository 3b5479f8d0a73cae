/**
 * Which agents are connected over /ws/agent right now, and the skills each declared when it
 * authenticated. The WebSocket side owns the registry; REST only asks.
 */
export interface AgentSkill {
  id: string;
  name: string;
  description: string;
}

export interface AgentPresence {
  /** The declared skills of a connected agent (possibly empty), or undefined when not connected. */
  connected(agentId: string): { skills: readonly AgentSkill[] } | undefined;
}

/** Until the WebSocket side is mounted: no agent is ever connected. */
export const noAgentsConnected: AgentPresence = { connected: () => undefined };
