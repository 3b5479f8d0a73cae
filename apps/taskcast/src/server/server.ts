/**
 * `createTaskcastServer`: the HTTP face of one engine (api.md). Routes are thin adapters;
 * auth runs on the protected prefixes only, before routing, so in jwt mode an unknown path
 * under `/tasks` answers 401 before 404, as the original does.
 */
import { AppError, createApp, createLogger, httpMetrics, type Logger, metricsHandler } from "@rt/kit";
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { TaskcastEngine } from "../core/engine/engine.ts";
import type { ArchiveRestorer } from "./archive/import.ts";
import type { AuthConfig } from "./auth/context.ts";
import { authMiddleware } from "./auth/middleware.ts";
import type { RouteDeps } from "./deps.ts";
import type { TaskcastEnv } from "./env.ts";
import { taskcastErrorMapper } from "./errors.ts";
import { type AdapterInfo, COMPATIBLE_VERSION, type DependencyCheck } from "./info.ts";
import type { TaskcastMetrics } from "./metrics.ts";
import { type AdminOptions, adminRoutes } from "./routes/admin.ts";
import { archiveRoutes } from "./routes/archive.ts";
import { blockedRoutes } from "./routes/blocked.ts";
import { eventRoutes } from "./routes/events.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { serviceRoutes } from "./routes/service.ts";
import { streamRoutes } from "./routes/streams.ts";
import { taskRoutes } from "./routes/tasks.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { SubscriberCounts } from "./subscribers.ts";
import type { DeliveryLog } from "./webhooks/delivery-log.ts";

export interface TaskcastServerOptions {
  engine: TaskcastEngine;
  /** Default: mode `none`. */
  auth?: AuthConfig;
  logger?: Logger;
  /** Mounts `POST /admin/token` (answering 404 unless `adminApi` is true), as a CLI config does. */
  admin?: AdminOptions;
  /** Reported by `/health/detail`; default all memory. */
  adapters?: AdapterInfo;
  /** Readiness probes by dependency name (`redisCommand`, `redisPubSub`, `postgres`). */
  dependencies?: Record<string, DependencyCheck>;
  /** Restores `/tasks/import` archives; without it import answers 503. */
  restorer?: ArchiveRestorer;
  /** Default the original's version, which clients read from `/` and `/health`. */
  version?: string;
  /**
   * Largest request body. The original (Node, no limit) had none; 10 MiB matches the body
   * limit of its own stress deployment. Larger bodies get 413 `{"error":"Payload Too Large"}`.
   */
  bodyLimitBytes?: number;
  /** Webhook outcomes to serve at `/tasks/:taskId/webhooks/deliveries`; absent: no such route. */
  deliveries?: DeliveryLog;
  /** Global `/events` keepalive period; default 30 s. */
  keepaliveMs?: number;
  /** Serves `GET /metrics` and counts every request; absent: no such route (as the original). */
  metrics?: TaskcastMetrics;
  now?: () => number;
}

export interface TaskcastServer {
  app: Hono<TaskcastEnv>;
  fetch: (request: Request) => Response | Promise<Response>;
  /** Ends every open stream, so an HTTP server stop does not wait on them. */
  close(): void;
}

const PROTECTED_PREFIXES = ["/tasks", "/events", "/workers"] as const;
const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export function createTaskcastServer(options: TaskcastServerOptions): TaskcastServer {
  const auth = options.auth ?? { mode: "none" };
  const now = options.now ?? Date.now;
  const logger = options.logger ?? createLogger();
  const app = createApp<TaskcastEnv>({ name: "taskcast", logger, errorMapper: taskcastErrorMapper });
  const closing = new AbortController();
  const deps: RouteDeps = {
    engine: options.engine,
    subscribers: new SubscriberCounts(),
    restorer: options.restorer,
  };

  if (options.metrics) {
    // First, so refused bodies and auth failures are counted too.
    app.use(httpMetrics(options.metrics.registry));
    options.metrics.countStreams(() => deps.subscribers.total);
    app.get("/metrics", metricsHandler(options.metrics.registry));
  }
  app.use(
    bodyLimit({
      maxSize: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT,
      onError: () => {
        throw new AppError("too_large", "Payload Too Large");
      },
    }),
  );
  const authenticate = authMiddleware(auth);
  for (const prefix of PROTECTED_PREFIXES) {
    app.use(prefix, authenticate);
    app.use(`${prefix}/*`, authenticate);
  }

  const version = options.version ?? COMPATIBLE_VERSION;
  serviceRoutes(app, {
    version,
    authMode: auth.mode,
    adapters: options.adapters ?? { broadcast: "memory", shortTermStore: "memory" },
    dependencies: options.dependencies ?? {},
    startedAt: now(),
    now,
    storage: () => options.engine.storageReadiness(),
  });
  openApiRoutes(app, version);
  if (options.admin) adminRoutes(app, options.admin, auth, now);
  // Import before `/tasks/:taskId...` so the literal path is never read as a task id.
  archiveRoutes(app, deps, now);
  taskRoutes(app, deps);
  eventRoutes(app, deps);
  blockedRoutes(app, deps);
  if (options.deliveries) webhookRoutes(app, options.deliveries);
  streamRoutes(app, deps, { signal: closing.signal, keepaliveMs: options.keepaliveMs ?? 30_000 });

  return {
    app,
    fetch: (request) => app.fetch(request),
    close: () => closing.abort(),
  };
}
