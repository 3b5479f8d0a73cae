/**
 * Which agents are connected over /ws/agent, on which instance, with the skills they declared.
 * Every instance keeps a mirror of the whole registry (agents are few), so REST asks it
 * synchronously and the pipeline knows at once whether an agent can take a task. Changes are
 * announced on the bus topic `agents`; with Redis the hash `ws:agents` lets a starting instance
 * catch up, and entries of instances that died are dropped on the periodic refresh.
 */
import type { Bus, Unsubscribe } from "@rt/realtime";
import type Redis from "ioredis";
import { z } from "zod";
import type { AgentPresence, AgentSkill } from "../agents/presence.ts";
import type { Instances } from "./instances.ts";
import { safeJson } from "./safe-json.ts";

export interface AgentConnection {
  agentId: string;
  instanceId: string;
  connectionId: string;
  skills: AgentSkill[];
}

const connectionSchema = z.object({
  agentId: z.string(),
  instanceId: z.string(),
  connectionId: z.string(),
  skills: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
});

const announcement = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("up"), connection: connectionSchema }),
  z.object({ kind: z.literal("down"), agentId: z.string(), connectionId: z.string() }),
]);

export const AGENTS_TOPIC = "agents";
const AGENTS_KEY = "ws:agents";
const REFRESH_MS = 10_000;

/** Told when another connection took over an agent (possibly on another instance). */
export type ReplacedListener = (agentId: string, connectionId: string) => void;

export class AgentRegistry implements AgentPresence {
  readonly #mirror = new Map<string, AgentConnection>();
  readonly #bus: Bus;
  readonly #redis: Redis | undefined;
  readonly #instances: Instances;
  #onReplaced: ReplacedListener = () => {};
  #unsubscribe: Unsubscribe | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(bus: Bus, instances: Instances, redis?: Redis) {
    this.#bus = bus;
    this.#instances = instances;
    this.#redis = redis;
  }

  async start(onReplaced: ReplacedListener): Promise<void> {
    this.#onReplaced = onReplaced;
    this.#unsubscribe = await this.#bus.subscribe(AGENTS_TOPIC, (message) => this.#apply(message));
    if (this.#redis === undefined) return;
    await this.#refresh();
    this.#timer = setInterval(() => void this.#refresh().catch(() => undefined), REFRESH_MS);
    this.#timer.unref();
  }

  connected(agentId: string): { skills: readonly AgentSkill[] } | undefined {
    return this.#mirror.get(agentId);
  }

  connection(agentId: string): AgentConnection | undefined {
    return this.#mirror.get(agentId);
  }

  async register(connection: AgentConnection): Promise<void> {
    this.#set(connection);
    await this.#redis?.hset(AGENTS_KEY, connection.agentId, JSON.stringify(connection));
    await this.#bus.publish(AGENTS_TOPIC, JSON.stringify({ kind: "up", connection }));
  }

  async unregister(agentId: string, connectionId: string): Promise<void> {
    if (this.#mirror.get(agentId)?.connectionId === connectionId) this.#mirror.delete(agentId);
    const redis = this.#redis;
    if (redis !== undefined) {
      const stored = await redis.hget(AGENTS_KEY, agentId);
      if (stored !== null && parseConnection(stored)?.connectionId === connectionId) {
        await redis.hdel(AGENTS_KEY, agentId);
      }
    }
    await this.#bus.publish(AGENTS_TOPIC, JSON.stringify({ kind: "down", agentId, connectionId }));
  }

  async close(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.#unsubscribe?.();
  }

  #set(connection: AgentConnection): void {
    const previous = this.#mirror.get(connection.agentId);
    this.#mirror.set(connection.agentId, connection);
    if (previous !== undefined && previous.connectionId !== connection.connectionId) {
      this.#onReplaced(connection.agentId, connection.connectionId);
    }
  }

  #apply(message: string): void {
    const parsed = announcement.safeParse(safeJson(message));
    if (!parsed.success) return;
    const event = parsed.data;
    if (event.kind === "up") {
      if (this.#mirror.get(event.connection.agentId)?.connectionId !== event.connection.connectionId) {
        this.#set(event.connection);
      }
    } else if (this.#mirror.get(event.agentId)?.connectionId === event.connectionId) {
      this.#mirror.delete(event.agentId);
    }
  }

  async #refresh(): Promise<void> {
    const redis = this.#redis;
    if (redis === undefined) return;
    const stored = await redis.hgetall(AGENTS_KEY);
    const seen = new Set<string>();
    for (const value of Object.values(stored)) {
      const connection = parseConnection(value);
      if (connection === undefined) continue;
      if (!(await this.#instances.isAlive(connection.instanceId))) {
        await redis.hdel(AGENTS_KEY, connection.agentId);
        continue;
      }
      seen.add(connection.agentId);
      if (this.#mirror.get(connection.agentId)?.connectionId !== connection.connectionId)
        this.#set(connection);
    }
    for (const agentId of this.#mirror.keys()) if (!seen.has(agentId)) this.#mirror.delete(agentId);
  }
}

function parseConnection(text: string): AgentConnection | undefined {
  const parsed = connectionSchema.safeParse(safeJson(text));
  return parsed.success ? parsed.data : undefined;
}
