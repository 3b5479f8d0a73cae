/**
 * `taskcast start` (config-cli.md §3): config, stores, start-up lines, then the server on
 * `--port`. `npm start` (src/main.ts) comes through here too, with no flags.
 */
import { createLogger, createShutdown, type LogLevel, type Shutdown } from "@rt/kit";
import { type BuiltServer, buildServer } from "../../server/build.ts";
import type { Env } from "../config/interpolate.ts";
import { loadConfigFile } from "../config/load.ts";
import { autoMigrate } from "./auto-migrate.ts";
import { openStorage } from "./open-storage.ts";
import { resolveStartSettings } from "./settings.ts";
import { envValue, postgresPoolSize, resolveStoragePlan } from "./storage-plan.ts";
import { withRequestLog } from "./verbose.ts";

export interface StartFlags {
  config?: string;
  port?: string;
  storage?: string;
  dbPath?: string;
  playground?: boolean;
  verbose?: boolean;
}

export interface StartIO {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Env;
  cwd?: string;
  /** Where `~/.taskcast` is looked for; default the user's home (tests pass a scratch one). */
  home?: string;
  /** Forces the process out when shutdown passes its deadline; tests leave it out. */
  exit?: (code: number) => void;
}

export interface RunningTaskcast {
  port: number;
  server: BuiltServer;
  /** The steps `stop` runs; the CLI installs its SIGINT/SIGTERM handlers. */
  shutdown: Shutdown;
  /**
   * Stops accepting, stops timers and ends streams, drains queued durable writes, closes the
   * connections, then the stores (config-cli.md §3.3 step 9); rejects if a step failed.
   */
  stop(): Promise<void>;
}

/** A hung pool must not hold a deploy forever; 10 s leaves a 30 s SIGKILL grace period room. */
const SHUTDOWN_DEADLINE_MS = 10_000;
/** How long in-flight requests get to answer before connections are cut. */
const CONNECTION_GRACE_MS = 1_000;

const processIO: StartIO = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
  exit: (code) => process.exit(code),
};

/**
 * The original stopped without a word, so shutdown's progress lines (kit `info`) stay out of
 * the default output: only its failures show, unless `debug` asks for everything.
 */
function shutdownLogLevel(level: LogLevel): LogLevel {
  return level === "debug" || level === "error" ? level : "warn";
}

export async function startTaskcast(flags: StartFlags, io: StartIO = processIO): Promise<RunningTaskcast> {
  const { config, path } = await loadConfigFile(flags.config, { cwd: io.cwd, env: io.env, home: io.home });
  const settings = resolveStartSettings(flags, io.env, config);
  const plan = resolveStoragePlan(flags, io.env, config);
  const opened = await openStorage(plan, {
    redisPrefix: envValue(io.env, "TASKCAST_REDIS_PREFIX"),
    // Read only when PostgreSQL is in use, as the original's adapter did.
    postgresMaxConnections: plan.mode !== "sqlite" && plan.postgresUrl ? postgresPoolSize(io.env) : undefined,
  });
  try {
    io.out(`[taskcast] Config: ${path ?? "(none)"}`);
    io.out(`[taskcast] Short-term store: ${opened.labels.shortTerm}`);
    io.out(`[taskcast] Long-term store:  ${opened.labels.longTerm}`);
    if (settings.autoMigrate) {
      await autoMigrate(opened.postgres, plan.mode === "sqlite" ? undefined : plan.postgresUrl, io.err);
    }
    if (settings.workersEnabled)
      io.err("[taskcast] workers.enabled is set, but worker assignment is not part of this server yet");
    if (settings.admin.generated)
      io.out(`[taskcast] Admin token (auto-generated): ${settings.admin.adminToken}`);

    const logger = createLogger({ level: settings.logLevel });
    const server = buildServer({
      storage: opened.storage,
      adapters: opened.adapters,
      dependencies: opened.dependencies,
      auth: settings.auth,
      admin: { adminApi: settings.admin.adminApi, adminToken: settings.admin.adminToken },
      logger,
      // Enforced in every storage mode; the original's memory and SQLite modes ignored TTLs.
      ttl: "timeout",
      tickMs: settings.lifecycle.ttlSweepIntervalSeconds * 1000,
      lifecycle: settings.lifecycle,
      webhooks: {
        subscriptions: settings.webhooks.subscriptions,
        defaultRetry: settings.webhooks.defaultRetry,
        allowPrivate: settings.webhooks.allowPrivate,
      },
      cleanupRules: settings.cleanupRules,
      metrics: settings.metrics,
    });
    const fetch = flags.verbose ? withRequestLog(server.fetch, io.out) : server.fetch;
    const http = Bun.serve({ port: settings.port, fetch, idleTimeout: 0 });
    io.out(`[taskcast] Server started on http://localhost:${http.port}`);
    if (flags.playground)
      io.err("[taskcast] The playground UI is not bundled with this server; --playground is ignored");

    const shutdown = createShutdown({
      logger: createLogger({ level: shutdownLogLevel(settings.logLevel) }),
      deadlineMs: SHUTDOWN_DEADLINE_MS,
      exit: io.exit ?? (() => {}),
    });
    // Not awaited here: it resolves only once every connection is gone, open streams included.
    let connectionsGone: Promise<void> | undefined;
    shutdown.onShutdown("stop accepting", () => {
      connectionsGone = http.stop();
    });
    shutdown.onShutdown("end streams", () => server.endStreams());
    shutdown.onShutdown("drain durable writes", () => server.drain());
    // Requests still in flight get a moment to answer before the stores close under them.
    shutdown.onShutdown("close connections", async () => {
      await Promise.race([connectionsGone, Bun.sleep(CONNECTION_GRACE_MS)]);
      await http.stop(true);
    });
    shutdown.onShutdown("close stores", () => opened.close());
    return {
      port: http.port ?? settings.port,
      server,
      shutdown,
      stop: async () => {
        const report = await shutdown.run("stop");
        const failed = report.closed.find((step) => step.error !== undefined);
        if (failed) throw new Error(`shutdown step "${failed.name}" failed: ${failed.error}`);
        if (report.timedOut) throw new Error(`shutdown passed its deadline in "${report.timedOutIn}"`);
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
