/**
 * Assembles the real-time side: /ws and /ws/agent on one hub, the streaming pipeline, push
 * after completion, and the shared short-lived state, in Redis when there is one (several
 * instances then behave as one) and in process memory otherwise.
 */
import type { Logger } from "@rt/kit";
import { type Bus, createWsHub, MemoryBus, RedisBus } from "@rt/realtime";
import type { WebSocketHandler } from "bun";
import type { Hono } from "hono";
import type Redis from "ioredis";
import type { AgentPresence } from "../agents/presence.ts";
import type { SessionFromHeaders } from "../auth/session.ts";
import { MemoryStreamText, RedisStreamText, type StreamText } from "../chat/stream-text.ts";
import type { ArinovaConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { ArinovaEnv } from "../http/env.ts";
import type { LiveCounts } from "../ops/metrics.ts";
import { noCounters, type PipelineCounters } from "../ops/pipeline-counters.ts";
import { completionPush } from "../push/completion-push.ts";
import { MemoryPushDedup, RedisPushDedup } from "../push/dedup.ts";
import type { PushFetch } from "../push/sender.ts";
import { AgentTasks } from "../streams/agent-tasks.ts";
import type { StreamDeps } from "../streams/deps.ts";
import { sweepStaleStreams } from "../streams/stale-streams.ts";
import { syncUser } from "../streams/sync.ts";
import { Turns } from "../streams/turns.ts";
import type { UploadedMessage } from "../uploads/deps.ts";
import { AgentSockets } from "../ws/agent-socket.ts";
import { ClientSockets } from "../ws/client-socket.ts";
import { websocketRoutes } from "../ws/endpoints.ts";
import { type AgentSocket, type ClientSocket, isClient, type SocketData } from "../ws/socket-data.ts";
import { MemoryActiveStreams, RedisActiveStreams } from "./active-streams.ts";
import { AgentRegistry } from "./agent-registry.ts";
import { type Instances, RedisInstances, SingleInstance } from "./instances.ts";
import { MemoryOfflineQueue, RedisOfflineQueue } from "./offline-queue.ts";
import { MemorySendRate, RedisSendRate, SEND_LIMIT_PER_MINUTE } from "./send-rate.ts";
import { MemoryStreamTextWriter, RedisStreamTextWriter } from "./stream-text-writer.ts";
import { UserEvents } from "./user-events.ts";
import { LocalUserPresence, RedisUserPresence } from "./user-presence.ts";

/** RFC 6455 "Service Restart": the web app and both agent SDKs reconnect after it. */
const SERVICE_RESTART = { code: 1012, reason: "Server restarting" } as const;

export interface RealtimeOptions {
  /** Default: a RedisBus when REDIS_URL is set (channels prefixed like the Redis client's keys), else memory. */
  bus?: Bus;
  heartbeatMs?: number;
  authTimeoutMs?: number;
  taskIdleMs?: number;
  sendLimitPerMinute?: number;
  /** How often streams left by stopped instances are swept (also once at start). */
  sweepIntervalMs?: number;
  /** Sends push requests once pinned to a checked address; fetch by default. */
  pushFetch?: PushFetch;
  /** Let push requests reach loopback and private endpoints (tests run a local push service). */
  allowPrivatePushEndpoints?: boolean;
}

export interface RealtimeDeps {
  db: Database;
  config: ArinovaConfig;
  logger: Logger;
  sessionFromHeaders: SessionFromHeaders;
  redis?: Redis;
  now: () => Date;
  counters?: PipelineCounters;
}

export interface Realtime {
  routes: Hono<ArinovaEnv>;
  websocket: WebSocketHandler<SocketData>;
  agentPresence: AgentPresence;
  streamText: StreamText;
  /** The upload route's hook: the agent answers an uploaded file's (already stored) message. */
  triggerAgent(upload: UploadedMessage): Promise<void>;
  readonly connections: number;
  /** This instance's users, agents and streams, for the metrics gauges. */
  readonly live: LiveCounts;
  /** Shutdown, first: streams through this instance end as `Stream interrupted`. */
  endStreams(): Promise<void>;
  /** Shutdown, second: every socket closes with 1012 (service restart); both clients reconnect on it. */
  closeSockets(): void;
  close(): Promise<void>;
}

export async function createRealtime(deps: RealtimeDeps, options: RealtimeOptions = {}): Promise<Realtime> {
  const { db, config, logger, redis } = deps;
  const counters = deps.counters ?? noCounters;
  const ownsBus = options.bus === undefined;
  const bus =
    options.bus ??
    (config.redisUrl !== undefined && redis !== undefined
      ? new RedisBus({ url: config.redisUrl, prefix: redis.options.keyPrefix ?? "" })
      : new MemoryBus());
  const distributed = !(bus instanceof MemoryBus) && redis !== undefined;
  const instances: Instances =
    distributed && redis ? await RedisInstances.start(redis) : new SingleInstance();
  const memoryText = new MemoryStreamText();
  const streamText = redis ? new RedisStreamText(redis) : memoryText;
  const limit = options.sendLimitPerMinute ?? SEND_LIMIT_PER_MINUTE;

  const hub = createWsHub<SocketData>({
    bus,
    // Our own heartbeat (45 s on app frames) closes idle browsers; Bun's pings keep agents'
    // and browsers' connections from being cut by the transport's own idle timer.
    idleTimeoutSeconds: 120,
    sendPings: true,
    maxPayloadLength: 16 * 1024 * 1024,
    backpressureLimit: 4 * 1024 * 1024,
    open: (ws) => (isClient(ws) ? clients.open(ws) : agentSockets.open(ws as AgentSocket)),
    message: (ws, data) =>
      isClient(ws) ? clients.message(ws, data) : agentSockets.message(ws as AgentSocket, data),
    close: (ws) => (isClient(ws) ? clients.close(ws) : agentSockets.close(ws as AgentSocket)),
  });
  const send = (ws: ClientSocket | AgentSocket, message: string): void => void hub.send(ws, message);

  const offline = redis ? new RedisOfflineQueue(redis) : new MemoryOfflineQueue();
  const clients: ClientSockets = new ClientSockets({
    db,
    logger,
    send,
    presence: (registry) =>
      distributed && redis
        ? new RedisUserPresence(redis, instances, (userId) => registry.counts(userId))
        : new LocalUserPresence((userId) => registry.counts(userId)),
    offline,
    sendRate: redis ? new RedisSendRate(redis, limit) : new MemorySendRate(limit),
    userMessage: (userId, conversationId, content) => turns.userMessage(userId, conversationId, content),
    cancel: (userId, messageId) => tasks.cancel(userId, messageId),
    sync: (userId, seqs) => syncUser(streamDeps, userId, seqs),
    heartbeatMs: options.heartbeatMs ?? 45_000,
  });
  const events = new UserEvents({
    bus,
    presence: clients.presence,
    offline,
    deliver: (userId, event) => clients.registry.deliver(userId, event),
    local: !distributed,
    onError: (error) => logger.error("user event not delivered", { error: String(error) }),
  });

  const registry = new AgentRegistry(bus, instances, distributed ? redis : undefined);
  const streamDeps: StreamDeps = {
    db,
    logger,
    bus,
    events,
    active: redis ? new RedisActiveStreams(redis) : new MemoryActiveStreams(),
    streamText: redis ? new RedisStreamTextWriter(redis) : new MemoryStreamTextWriter(memoryText),
    agents: registry,
    instances,
    notifyCompletion: completionPush({
      db,
      presence: clients.presence,
      dedup: redis ? new RedisPushDedup(redis) : new MemoryPushDedup(),
      vapid: config.vapid,
      now: deps.now,
      transport: { fetch: options.pushFetch, allowPrivate: options.allowPrivatePushEndpoints === true },
      counters,
    }),
    counters,
    taskIdleMs: options.taskIdleMs ?? 600_000,
  };
  const turns = new Turns(streamDeps);
  const tasks = new AgentTasks(streamDeps, turns);
  const agentSockets = new AgentSockets({
    db,
    logger,
    bus,
    registry,
    instances,
    tasks,
    send,
    authTimeoutMs: options.authTimeoutMs ?? 10_000,
  });

  await events.start();
  await tasks.start();
  await registry.start((agentId, connectionId) => agentSockets.replaced(agentId, connectionId));

  const sweep = () =>
    sweepStaleStreams(streamDeps, turns).catch((error: unknown) =>
      logger.error("stale stream sweep failed", { error: String(error) }),
    );
  await sweep();
  const sweeper = setInterval(sweep, options.sweepIntervalMs ?? 60_000);
  sweeper.unref();

  return {
    routes: websocketRoutes(hub, deps.sessionFromHeaders),
    websocket: hub.websocket,
    agentPresence: registry,
    streamText,
    triggerAgent: ({ userId, conversation, message }) =>
      turns.userMessage(userId, conversation.id, message.content, { skipUserMessage: true }),
    get connections() {
      return hub.connections;
    },
    live: {
      get users() {
        return clients.registry.size;
      },
      get agents() {
        return agentSockets.size;
      },
      get streams() {
        return tasks.size;
      },
    },
    async endStreams() {
      await tasks.interruptAll();
      await events.flush();
    },
    closeSockets() {
      clients.stop();
      for (const ws of [...clients.registry.all()]) ws.close(SERVICE_RESTART.code, SERVICE_RESTART.reason);
      agentSockets.closeAll(SERVICE_RESTART.code, SERVICE_RESTART.reason);
    },
    async close() {
      clearInterval(sweeper);
      clients.stop();
      // Endings started by closeSockets (agents gone) still write; let them finish first.
      await tasks.drain();
      await tasks.close();
      await registry.close();
      await events.close();
      await hub.close();
      await instances.close();
      if (ownsBus) await bus.close();
    },
  };
}
