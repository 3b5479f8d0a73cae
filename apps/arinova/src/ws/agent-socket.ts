/**
 * The agent's socket, /ws/agent (websocket.md §3): `agent_auth` within 10 s, one connection
 * per agent (a newer one, here or on another instance, replaces it with 4409), tasks arriving
 * on the bus topic `agent:<id>` of the instance that holds the agent, and its frames feeding
 * the tasks in flight.
 */
import type { Logger } from "@rt/kit";
import type { Bus, Unsubscribe } from "@rt/realtime";
import { z } from "zod";
import type { Database } from "../db/client.ts";
import type { AgentRegistry } from "../realtime/agent-registry.ts";
import type { Instances } from "../realtime/instances.ts";
import { safeJson } from "../realtime/safe-json.ts";
import type { AgentTasks } from "../streams/agent-tasks.ts";
import { agentTopic, type TaskInfo } from "../streams/deps.ts";
import { agentByToken } from "../streams/store.ts";
import { authError, authOk, parseAgentFrame } from "./agent-messages.ts";
import { PONG } from "./server-events.ts";
import type { AgentSocket } from "./socket-data.ts";

export interface AgentSocketDeps {
  db: Database;
  logger: Logger;
  bus: Bus;
  registry: AgentRegistry;
  instances: Instances;
  tasks: AgentTasks;
  send: (ws: AgentSocket, message: string) => void;
  authTimeoutMs: number;
}

const taskEnvelope = z.object({
  kind: z.literal("task"),
  task: z.custom<TaskInfo>((value) => typeof value === "object"),
});

export class AgentSockets {
  readonly #deps: AgentSocketDeps;
  /** The socket of each agent connected here. */
  readonly #local = new Map<string, AgentSocket>();
  readonly #topics = new Map<string, Promise<Unsubscribe>>();

  constructor(deps: AgentSocketDeps) {
    this.#deps = deps;
  }

  open(ws: AgentSocket): void {
    ws.data.authTimer = setTimeout(() => {
      this.#deps.send(ws, authError("Authentication timeout"));
      ws.close(4408, "Authentication timeout");
    }, this.#deps.authTimeoutMs);
  }

  async message(ws: AgentSocket, data: string | Buffer): Promise<void> {
    const text = typeof data === "string" ? data : data.toString("utf8");
    const frame = parseAgentFrame(text);
    if (frame === undefined) {
      this.#deps.logger.warn("invalid agent frame", { agentId: ws.data.agentId });
      return;
    }
    if (frame.type === "ping") return void this.#deps.send(ws, PONG);
    if (frame.type === "agent_auth") return this.#authenticate(ws, frame.botToken, frame.skills ?? []);
    const agentId = ws.data.agentId;
    if (agentId === null) return void this.#deps.send(ws, authError("Not authenticated"));
    const { tasks } = this.#deps;
    if (frame.type === "agent_chunk") tasks.chunk(agentId, frame.taskId, frame.chunk);
    else if (frame.type === "agent_complete") tasks.complete(agentId, frame.taskId, frame.content);
    else tasks.error(agentId, frame.taskId, frame.error);
  }

  close(ws: AgentSocket): void {
    if (ws.data.authTimer !== null) clearTimeout(ws.data.authTimer);
    const agentId = ws.data.agentId;
    // A socket that was replaced closes without effect: the agent is still connected.
    if (agentId === null || this.#local.get(agentId) !== ws) return;
    this.#local.delete(agentId);
    this.#leaveTopic(agentId);
    this.#deps.logger.info("Agent WS disconnected", { agentId });
    void this.#deps.registry
      .unregister(agentId, ws.data.connectionId)
      .catch((error: unknown) => this.#deps.logger.warn("agent unregister failed", { error: String(error) }));
    this.#deps.tasks.agentGone(agentId);
  }

  /** Agents authenticated here. */
  get size(): number {
    return this.#local.size;
  }

  /** Shutdown: the SDKs reconnect after any close but an auth error, to another instance or to us restarted. */
  closeAll(code: number, reason: string): void {
    for (const ws of [...this.#local.values()]) ws.close(code, reason);
  }

  /** Another connection took the agent over (announced by the registry, maybe from elsewhere). */
  replaced(agentId: string, connectionId: string): void {
    const ws = this.#local.get(agentId);
    if (ws === undefined || ws.data.connectionId === connectionId) return;
    this.#local.delete(agentId);
    this.#leaveTopic(agentId);
    ws.close(4409, "Replaced by new connection");
    // Its tasks cannot follow it to the other instance.
    this.#deps.tasks.agentGone(agentId);
  }

  async #authenticate(
    ws: AgentSocket,
    token: string,
    skills: { id: string; name: string; description: string }[],
  ) {
    const agent = await agentByToken(this.#deps.db, token);
    if (ws.readyState !== 1) return;
    if (agent === undefined) {
      this.#deps.send(ws, authError("Invalid bot token"));
      ws.close(4404, "Invalid bot token");
      return;
    }
    if (ws.data.authTimer !== null) clearTimeout(ws.data.authTimer);
    ws.data.authTimer = null;
    const previous = this.#local.get(agent.id);
    if (previous !== undefined && previous !== ws) previous.close(4409, "Replaced by new connection");
    if (ws.data.agentId !== null && ws.data.agentId !== agent.id && this.#local.get(ws.data.agentId) === ws) {
      // Re-authenticating as another agent: the first one is gone.
      this.close(ws);
    }
    ws.data.agentId = agent.id;
    this.#local.set(agent.id, ws);
    await this.#joinTopic(agent.id);
    await this.#deps.registry.register({
      agentId: agent.id,
      instanceId: this.#deps.instances.id,
      connectionId: ws.data.connectionId,
      skills,
    });
    this.#deps.logger.info("Agent WS connected", {
      agentId: agent.id,
      name: agent.name,
      skills: skills.length,
    });
    this.#deps.send(ws, authOk(agent.name));
  }

  #joinTopic(agentId: string): Promise<Unsubscribe> {
    let joined = this.#topics.get(agentId);
    if (joined === undefined) {
      joined = this.#deps.bus.subscribe(agentTopic(agentId), (message) => this.#onTask(agentId, message));
      this.#topics.set(agentId, joined);
    }
    return joined;
  }

  #leaveTopic(agentId: string): void {
    const joined = this.#topics.get(agentId);
    this.#topics.delete(agentId);
    void joined?.then((unsubscribe) => unsubscribe()).catch(() => undefined);
  }

  #onTask(agentId: string, message: string): void {
    const parsed = taskEnvelope.safeParse(safeJson(message));
    if (!parsed.success) return;
    const ws = this.#local.get(agentId);
    if (ws === undefined || ws.readyState !== 1) this.#deps.tasks.notDelivered(parsed.data.task);
    else this.#deps.tasks.accept(parsed.data.task, (frame) => this.#deps.send(ws, frame));
  }
}
