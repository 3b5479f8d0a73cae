/**
 * `buildServer`: an engine over the given storage adapters, its scheduler, and the HTTP
 * server in front of it. The CLI picks the adapters (memory, SQLite, Redis, PostgreSQL) and
 * hands them in, so this file never decides where data lives.
 */
import { createLogger, type Logger } from "@rt/kit";
import { TaskcastEngine } from "../core/engine/engine.ts";
import { DEFAULT_TICK_MS, startScheduler } from "../core/engine/scheduler.ts";
import type { LifecycleSettings } from "../core/lifecycle/context.ts";
import type { CleanupRule } from "../core/types.ts";
import type { StorageAdapters } from "../storage/ports.ts";
import { PortArchiveRestorer } from "./archive/import.ts";
import type { AuthConfig } from "./auth/context.ts";
import type { AdapterInfo, DependencyCheck } from "./info.ts";
import { lifecycleLog, startLifecycle } from "./lifecycle.ts";
import { TaskcastMetrics } from "./metrics.ts";
import type { AdminOptions } from "./routes/admin.ts";
import { createTaskcastServer, type TaskcastServer } from "./server.ts";
import { DeliveryLog } from "./webhooks/delivery-log.ts";
import { WebhookDispatcher, type WebhookOptions } from "./webhooks/dispatcher.ts";

export interface BuildConfig {
  storage: StorageAdapters;
  /** What `/health/detail` reports; default all memory. */
  adapters?: AdapterInfo;
  auth?: AuthConfig;
  /** As the CLI config: `adminApi` and `adminToken`. */
  admin?: AdminOptions;
  dependencies?: Record<string, DependencyCheck>;
  logger?: Logger;
  /** The original's memory and SQLite modes never time tasks out; see EngineOptions.ttl. */
  ttl?: "timeout" | "ignore";
  /**
   * Scheduler period (TTL timeouts, blocked-task resume, cleanup rules). Default 60 s, the
   * original's blocked-task check; the CLI uses `storageLifecycle.ttlSweepIntervalSeconds`.
   */
  tickMs?: number;
  /** Webhook delivery: server-wide subscriptions, retry defaults, private targets. */
  webhooks?: WebhookOptions & { logSize?: number };
  /** The server's cleanup rules (config `cleanup.rules`); tasks with their own rules use those. */
  cleanupRules?: readonly CleanupRule[];
  keepaliveMs?: number;
  bodyLimitBytes?: number;
  /** `storageLifecycle` settings; used when `storage.lifecycle` is present. */
  lifecycle?: Partial<LifecycleSettings>;
  /** `GET /metrics` (ours); default on: a route the original lacks breaks no client of it. */
  metrics?: boolean;
}

export interface BuiltServer extends Omit<TaskcastServer, "close"> {
  engine: TaskcastEngine;
  webhooks: WebhookDispatcher;
  deliveries: DeliveryLog;
  metrics?: TaskcastMetrics;
  /** One scheduler pass now: TTLs, blocked wake-ups, then cleanup rules. */
  sweep(): Promise<void>;
  /** Stops the scheduler, the lifecycle worker and metric counting, then ends every open stream. */
  endStreams(): void;
  /** Waits for queued durable writes and webhook deliveries. */
  drain(): Promise<void>;
  /** `endStreams`, then `drain`. */
  close(): Promise<void>;
}

export function buildServer(config: BuildConfig): BuiltServer {
  const logger = config.logger ?? createLogger();
  const { broadcast, shortTerm, longTerm } = config.storage;
  const tickMs = config.tickMs ?? DEFAULT_TICK_MS;
  const metrics = config.metrics === false ? undefined : new TaskcastMetrics();
  const engine = new TaskcastEngine({
    broadcast,
    shortTerm,
    longTerm,
    ttl: config.ttl,
    hooks: {
      onListenerError: (error) => logger.error("listener failed", { error }),
      onEventPublished: metrics?.published,
    },
    lifecycle: config.storage.lifecycle && {
      stores: config.storage.lifecycle,
      settings: config.lifecycle,
      intervalMs: tickMs,
      log: lifecycleLog(logger),
    },
  });
  const stopCounting = metrics?.watch(engine);
  const deliveries = new DeliveryLog(config.webhooks?.logSize);
  const webhooks = new WebhookDispatcher(engine, deliveries, logger, config.webhooks);
  const cleanupRules = config.cleanupRules ?? [];
  const sweep = async () => {
    await engine.tick();
    await engine.cleanup(cleanupRules);
  };
  const stopScheduler = startScheduler(sweep, {
    intervalMs: tickMs,
    onError: (error) => logger.error("scheduler tick failed", { error }),
  });
  const stopLifecycle = startLifecycle(engine, tickMs, logger);
  const server = createTaskcastServer({
    engine,
    auth: config.auth,
    logger,
    admin: config.admin ?? {},
    adapters: config.adapters,
    dependencies: config.dependencies,
    restorer: new PortArchiveRestorer(shortTerm, config.storage.sharedTables ? undefined : longTerm),
    keepaliveMs: config.keepaliveMs,
    bodyLimitBytes: config.bodyLimitBytes,
    deliveries,
    metrics,
  });
  const endStreams = () => {
    stopScheduler();
    stopLifecycle();
    stopCounting?.();
    server.close();
  };
  const drain = async () => {
    await engine.settle();
    await webhooks.close();
  };
  return {
    ...server,
    engine,
    webhooks,
    deliveries,
    metrics,
    sweep,
    endStreams,
    drain,
    close: async () => {
      endStreams();
      await drain();
    },
  };
}
