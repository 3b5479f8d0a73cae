/**
 * `createArinova(config)`: the Arinova Chat HTTP server as one fetch handler. Cross-cutting
 * order follows the original: CORS preflights first, then the global rate limit, then routes
 * (each reads its body, then checks the session, then validates). Static paths are mounted
 * before the parameterised ones they would otherwise be captured by.
 */
import {
  createApp,
  createLogger,
  httpMetrics,
  type Logger,
  MemoryRateLimiter,
  metricsHandler,
  type RateLimiter,
  RedisRateLimiter,
  trustedProxies,
} from "@rt/kit";
import type { WebSocketHandler } from "bun";
import type { Context, Hono, MiddlewareHandler } from "hono";
import Redis from "ioredis";
import { agentEndpointFetch } from "./agents/a2a-probe.ts";
import type { AgentPresence } from "./agents/presence.ts";
import { createBetterAuth } from "./auth/better-auth.ts";
import { requireAuth } from "./auth/require-auth.ts";
import { authRoutes } from "./auth/routes.ts";
import { type SessionFromHeaders, sessionReader } from "./auth/session.ts";
import type { StreamText } from "./chat/stream-text.ts";
import type { ArinovaConfig } from "./config.ts";
import { type DatabaseHandle, openDatabase } from "./db/client.ts";
import { readBody } from "./http/body.ts";
import { clientAddressResolver } from "./http/client-address.ts";
import { cors } from "./http/cors.ts";
import type { ArinovaEnv } from "./http/env.ts";
import { arinovaErrorMapper, routeNotFound } from "./http/errors.ts";
import { httpRateLimit } from "./http/rate-limit.ts";
import { type ArinovaMetrics, createArinovaMetrics } from "./ops/metrics.ts";
import { metricsAccess } from "./ops/metrics-access.ts";
import { createRealtime, type RealtimeOptions } from "./realtime/create-realtime.ts";
import { agentHealthRoutes } from "./routes/agent-health.ts";
import { agentRoutes } from "./routes/agents.ts";
import { conversationRoutes } from "./routes/conversations.ts";
import type { RouteDeps } from "./routes/deps.ts";
import { groupRoutes } from "./routes/groups.ts";
import { healthRoutes } from "./routes/health.ts";
import { messageRoutes } from "./routes/messages.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { pushRoutes } from "./routes/push.ts";
import { reactionRoutes } from "./routes/reactions.ts";
import { sandboxRoutes } from "./sandbox/routes.ts";
import { MemoryTtlStore, RedisTtlStore } from "./state/ttl-store.ts";
import { createUploadStorage } from "./uploads/create-storage.ts";
import type { UploadedMessage } from "./uploads/deps.ts";
import { uploadRoutes } from "./uploads/routes.ts";
import type { SocketData } from "./ws/socket-data.ts";

export interface ArinovaOptions {
  logger?: Logger;
  /** An open (and migrated) database; by default one is opened from the config and closed on close(). */
  database?: DatabaseHandle;
  /** A Redis client; by default one is created from `config.redisUrl` when set. */
  redis?: Redis;
  /** The WebSocket side's registry of connected agents. */
  presence?: AgentPresence;
  streamText?: StreamText;
  rateLimiter?: RateLimiter;
  /** Sends an uploaded file's message to the agent (the WebSocket side's pipeline). */
  triggerAgent?: (upload: UploadedMessage) => Promise<void>;
  /** Let agent-endpoint probes reach private addresses (tests, private deployments). */
  allowPrivateAgentEndpoints?: boolean;
  now?: () => Date;
  /** Timings and transports of /ws, /ws/agent and the streaming pipeline (src/realtime). */
  realtime?: RealtimeOptions;
}

/** Bun.serve calls `fetch(request, server)`; the server gives the peer address for rate limits. */
export type ArinovaFetch = (request: Request, server?: unknown) => Response | Promise<Response>;

export interface Arinova {
  fetch: ArinovaFetch;
  /** Pass to Bun.serve with `fetch`: /ws and /ws/agent. */
  websocket: WebSocketHandler<SocketData>;
  app: Hono<ArinovaEnv>;
  deps: RouteDeps;
  metrics: ArinovaMetrics;
  /** Shutdown steps of the real-time side, in the order main.ts runs them (src/shutdown.ts). */
  endStreams(): Promise<void>;
  closeSockets(): void;
  close(): Promise<void>;
}

export async function createArinova(config: ArinovaConfig, options: ArinovaOptions = {}): Promise<Arinova> {
  const logger = options.logger ?? createLogger();
  const database =
    options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  const ownsRedis = options.redis === undefined && config.redisUrl !== undefined;
  const redis = options.redis ?? (config.redisUrl ? new Redis(config.redisUrl) : undefined);

  const auth = createBetterAuth(database.db, config, logger);
  const sessionFromHeaders: SessionFromHeaders = sessionReader(auth);
  const clientAddress = clientAddressResolver(trustedProxies(config.trustedProxies));
  const limiter =
    options.rateLimiter ??
    (redis ? new RedisRateLimiter(redis, { prefix: "arinova:rl:" }) : new MemoryRateLimiter());

  // Real time (src/realtime): built first because REST asks it which agents are connected.
  const now = options.now ?? (() => new Date());
  const metrics = createArinovaMetrics();
  const realtime = await createRealtime(
    { db: database.db, config, logger, sessionFromHeaders, redis, now, counters: metrics.counters },
    options.realtime,
  );
  metrics.observe(realtime.live);

  const deps: RouteDeps = {
    db: database.db,
    config,
    logger,
    sessionFromHeaders,
    requireAuth: requireAuth(sessionFromHeaders),
    presence: options.presence ?? realtime.agentPresence,
    healthCache: redis ? new RedisTtlStore(redis) : new MemoryTtlStore(),
    streamText: options.streamText ?? realtime.streamText,
    fetchEndpoint: agentEndpointFetch({ allowPrivateAddresses: options.allowPrivateAgentEndpoints ?? false }),
    now,
  };

  const app = createApp<ArinovaEnv>({ name: "arinova", logger, errorMapper: arinovaErrorMapper });
  app.notFound(routeNotFound);
  // First, so latency covers everything a request meets, refusals included.
  app.use(httpMetrics(metrics.metrics));
  // Before CORS and the rate limit: scrapes come from monitoring, not browsers or users.
  app.get("/metrics", metricsAccess(config.metricsToken), metricsHandler(metrics.metrics));
  app.use(cors(config.corsOrigins));
  app.use(httpRateLimit(limiter, clientAddress));

  app.route("/", healthRoutes(deps, redis));
  app.route("/", authRoutes(auth, clientAddress));
  app.route("/", agentHealthRoutes(deps));
  app.route("/", agentRoutes(deps));
  app.route("/", groupRoutes(deps));
  app.route("/", conversationRoutes(deps));
  app.route("/", messageRoutes(deps));
  app.route("/", uploads(deps, { ...options, triggerAgent: options.triggerAgent ?? realtime.triggerAgent }));
  app.route("/", sandbox(deps, redis));
  app.route("/", pushRoutes(deps));
  app.route("/", notificationRoutes(deps));
  app.route("/", reactionRoutes(deps));
  app.route("/", realtime.routes);

  return {
    app,
    deps,
    metrics,
    fetch: (request, server) => app.fetch(request, server),
    websocket: realtime.websocket,
    endStreams: () => realtime.endStreams(),
    closeSockets: () => realtime.closeSockets(),
    async close() {
      await realtime.close();
      if (ownsRedis) await redis?.quit().catch(() => undefined);
      if (options.database === undefined) await database.close();
    },
  };
}

/** Uploads, attachments, avatars and `/uploads/*` (src/uploads). */
function uploads(deps: RouteDeps, options: ArinovaOptions): Hono<ArinovaEnv> {
  const { config } = deps;
  return uploadRoutes<ArinovaEnv>({
    db: deps.db,
    storage: createUploadStorage({
      dir: config.uploads.dir,
      baseUrl: config.auth.baseUrl,
      r2: config.uploads.r2,
    }),
    uploadDir: config.uploads.dir,
    requireUser: deps.requireAuth,
    logger: deps.logger,
    limits: { maxFileSize: config.uploads.maxFileSize },
    triggerAgent: options.triggerAgent,
  });
}

/** `POST /api/sandbox/execute` (src/sandbox), its JSON body read by our rules before the session check. */
function sandbox(deps: RouteDeps, redis: Redis | undefined): Hono<ArinovaEnv> {
  const bodyThenAuth: MiddlewareHandler<ArinovaEnv> = (c, next) =>
    readBody(c, async () => {
      await deps.requireAuth(c, next);
    });
  return sandboxRoutes<ArinovaEnv>({
    requireUser: bodyThenAuth,
    logger: deps.logger,
    rateLimiter: redis ? new RedisRateLimiter(redis, { prefix: "arinova:sandbox:" }) : undefined,
    body: (c: Context) => (c as Context<ArinovaEnv>).get("body"),
  });
}
