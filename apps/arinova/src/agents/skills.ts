/**
 * An agent's skills (rest.md §5 skills): what it declared when it connected, else the skills of
 * its A2A agent card, else none. Any failure is "none", never an error.
 */
import { z } from "zod";
import type { AgentEndpointFetch } from "./a2a-probe.ts";
import type { AgentPresence, AgentSkill } from "./presence.ts";

const agentCard = z.object({
  skills: z.array(z.looseObject({ id: z.unknown(), name: z.unknown(), description: z.unknown().optional() })),
});

/** A skill as the agent card states it; its values are passed through unchecked, as the original did. */
export interface CardSkill {
  id: unknown;
  name: unknown;
  description: unknown;
}

export async function agentSkills(
  agent: { id: string; a2aEndpoint: string | null },
  presence: AgentPresence,
  fetchEndpoint: AgentEndpointFetch,
): Promise<readonly AgentSkill[] | readonly CardSkill[]> {
  const connection = presence.connected(agent.id);
  if (connection !== undefined && connection.skills.length > 0) return connection.skills;
  if (!agent.a2aEndpoint) return [];
  try {
    const response = await fetchEndpoint(agent.a2aEndpoint);
    if (!response.ok) return [];
    const card = agentCard.safeParse(await response.json());
    if (!card.success) return [];
    return card.data.skills.map((skill) => ({
      id: skill.id,
      name: skill.name,
      description: skill.description ?? "",
    }));
  } catch {
    return [];
  }
}
