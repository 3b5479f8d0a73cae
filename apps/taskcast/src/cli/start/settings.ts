/**
 * Everything `start` needs besides storage, resolved from flags, environment and config file
 * (config-cli.md §1.3, §2). Environment variables beat the file; a bad value fails start with
 * a message naming the variable or key.
 */
import type { LogLevel } from "@rt/kit";
import { ulid } from "ulid";
import type { CleanupRule } from "../../core/types.ts";
import type { WebhookRetry, WebhookSubscription } from "../../core/webhook-config.ts";
import { type AuthConfig, JWT_ALGORITHMS, type JwtAlgorithm } from "../../server/auth/context.ts";
import type { Env } from "../config/interpolate.ts";
import type { TaskcastConfig } from "../config/schema.ts";
import { CliError } from "../errors.ts";
import { resolveStorageLifecycle, type StorageLifecycle } from "./lifecycle.ts";
import { envValue } from "./storage-plan.ts";

export interface StartSettings {
  port: number;
  logLevel: Exclude<LogLevel, "silent">;
  auth: AuthConfig;
  admin: { adminApi: boolean; adminToken?: string; generated: boolean };
  lifecycle: StorageLifecycle;
  autoMigrate: boolean;
  webhooks: {
    subscriptions: WebhookSubscription[];
    defaultRetry: Partial<WebhookRetry>;
    allowPrivate: boolean;
  };
  cleanupRules: CleanupRule[];
  workersEnabled: boolean;
  metrics: boolean;
}

const LEVELS = ["debug", "info", "warn", "error"] as const;
const TRUTHY = ["1", "true", "yes", "on"];

function logLevelOf(env: Env, config: TaskcastConfig): StartSettings["logLevel"] {
  const raw = env.TASKCAST_LOG_LEVEL;
  if (raw === undefined) return config.logLevel ?? "info";
  const value = raw.trim().toLowerCase();
  if (value === "") return "info";
  const level = LEVELS.find((candidate) => candidate === value);
  if (!level) throw new CliError(`invalid TASKCAST_LOG_LEVEL "${raw}"; expected debug, info, warn, or error`);
  return level;
}

/** `TASKCAST_METRICS` > config `metrics.enabled` > on (an extra route breaks no client). */
function metricsOf(env: Env, config: TaskcastConfig): boolean {
  const raw = envValue(env, "TASKCAST_METRICS");
  if (raw === undefined) return config.metrics?.enabled ?? true;
  const value = raw.trim().toLowerCase();
  if (TRUTHY.includes(value)) return true;
  if (["0", "false", "no", "off"].includes(value)) return false;
  throw new CliError("TASKCAST_METRICS must be true or false");
}

/** `--port` > config `port` > 3721 (the Rust CLI's order; the TS CLI let its flag default win). */
function portOf(flag: string | undefined, config: TaskcastConfig): number {
  if (flag === undefined) return config.port ?? 3721;
  const port = /^\d+$/.test(flag) ? Number(flag) : Number.NaN;
  if (!(port >= 0 && port <= 65_535)) throw new CliError(`invalid port "${flag}"; expected 0-65535`);
  return port;
}

function algorithmOf(value: string | undefined): JwtAlgorithm | undefined {
  if (value === undefined) return undefined;
  const algorithm = JWT_ALGORITHMS.find((candidate) => candidate === value);
  if (!algorithm)
    throw new CliError(`invalid TASKCAST_JWT_ALGORITHM "${value}"; expected ${JWT_ALGORITHMS.join(", ")}`);
  return algorithm;
}

function authOf(env: Env, config: TaskcastConfig): AuthConfig {
  const rawMode = envValue(env, "TASKCAST_AUTH_MODE");
  const modes = ["none", "jwt", "custom"] as const;
  const envMode = rawMode === undefined ? undefined : modes.find((mode) => mode === rawMode);
  if (rawMode !== undefined && !envMode) {
    throw new CliError(`invalid TASKCAST_AUTH_MODE "${rawMode}"; expected none, jwt, or custom`);
  }
  const mode = envMode ?? config.auth?.mode ?? "none";
  const fileJwt = config.auth?.jwt ?? {};
  // The JWT variables are only consulted in jwt mode, as in the original.
  const fromEnv = (name: string) => (mode === "jwt" ? envValue(env, name) : undefined);
  const trustedServices = config.trustedServices?.map((service) => ({
    ...service,
    taskIds: service.taskIds ?? "*",
  }));
  return {
    mode,
    jwt: {
      algorithm: algorithmOf(fromEnv("TASKCAST_JWT_ALGORITHM")) ?? fileJwt.algorithm ?? "HS256",
      secret: fromEnv("TASKCAST_JWT_SECRET") ?? fileJwt.secret,
      publicKey: fromEnv("TASKCAST_JWT_PUBLIC_KEY") ?? fileJwt.publicKey,
      publicKeyFile: fromEnv("TASKCAST_JWT_PUBLIC_KEY_FILE") ?? fileJwt.publicKeyFile,
      issuer: fromEnv("TASKCAST_JWT_ISSUER") ?? fileJwt.issuer,
      audience: fromEnv("TASKCAST_JWT_AUDIENCE") ?? fileJwt.audience,
    },
    ...(trustedServices ? { trustedServices } : {}),
  };
}

export function resolveStartSettings(
  flags: { port?: string },
  env: Env,
  config: TaskcastConfig,
): StartSettings {
  const adminApi = config.adminApi === true;
  const generated = adminApi && config.adminToken === undefined;
  const allowPrivateEnv = envValue(env, "TASKCAST_WEBHOOK_ALLOW_PRIVATE");
  return {
    port: portOf(flags.port, config),
    logLevel: logLevelOf(env, config),
    auth: authOf(env, config),
    admin: { adminApi, adminToken: generated ? ulid() : config.adminToken, generated },
    lifecycle: resolveStorageLifecycle(env, config),
    autoMigrate: TRUTHY.includes((env.TASKCAST_AUTO_MIGRATE ?? "").trim().toLowerCase()),
    webhooks: {
      subscriptions: config.webhooks ?? [],
      defaultRetry: config.webhook?.defaultRetry ?? {},
      allowPrivate:
        allowPrivateEnv !== undefined
          ? TRUTHY.includes(allowPrivateEnv.trim().toLowerCase())
          : (config.webhook?.allowPrivateTargets ?? false),
    },
    cleanupRules: config.cleanup?.rules ?? [],
    workersEnabled: config.workers?.enabled === true,
    metrics: metricsOf(env, config),
  };
}
