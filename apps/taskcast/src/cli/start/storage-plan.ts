/**
 * Which stores `start` opens (config-cli.md §3.1–3.2): flag > TASKCAST_STORAGE > configured
 * provider > Redis when a Redis URL exists > memory; PostgreSQL joins as the durable store of
 * the memory and redis modes when configured or when TASKCAST_POSTGRES_URL is set.
 */
import type { Env } from "../config/interpolate.ts";
import type { TaskcastConfig } from "../config/schema.ts";
import { CliError } from "../errors.ts";

export type StoragePlan =
  | { mode: "memory"; postgresUrl?: string }
  | { mode: "redis"; redisUrl: string; postgresUrl?: string }
  | { mode: "sqlite"; path: string };

const MODES = ["memory", "redis", "sqlite"] as const;
type Mode = (typeof MODES)[number];

/** An empty variable counts as unset, as everywhere in the original CLI. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

function asMode(value: string): Mode {
  const mode = MODES.find((candidate) => candidate === value);
  if (!mode) throw new CliError(`invalid storage mode "${value}"; expected memory, redis, or sqlite`);
  return mode;
}

function configuredProvider(config: TaskcastConfig): string | undefined {
  const shortTerm = config.adapters?.shortTermStore?.provider;
  const broadcast = config.adapters?.broadcast?.provider;
  if (shortTerm !== undefined && broadcast !== undefined && shortTerm !== broadcast) {
    throw new CliError("configured short-term and broadcast providers must match");
  }
  return shortTerm ?? broadcast;
}

function redisUrlOf(env: Env, config: TaskcastConfig): string | undefined {
  const fromEnv = envValue(env, "TASKCAST_REDIS_URL");
  if (fromEnv) return fromEnv;
  const { broadcast, shortTermStore } = config.adapters ?? {};
  const urls = [broadcast, shortTermStore].filter((a) => a?.provider === "redis" && a.url).map((a) => a?.url);
  if (urls.length === 2 && urls[0] !== urls[1]) {
    throw new CliError("configured Redis broadcast and short-term URLs must match");
  }
  return broadcast?.url ?? shortTermStore?.url;
}

function postgresUrlOf(env: Env, config: TaskcastConfig): string | undefined {
  const fromEnv = envValue(env, "TASKCAST_POSTGRES_URL");
  const longTerm = config.adapters?.longTermStore;
  if (longTerm === undefined) return fromEnv;
  if (longTerm.provider !== "postgres") return undefined;
  const url = fromEnv ?? longTerm.url;
  if (!url) {
    throw new CliError(
      "configured PostgreSQL long-term store requires TASKCAST_POSTGRES_URL or adapters.longTermStore.url",
    );
  }
  return url;
}

export function resolveStoragePlan(
  flags: { storage?: string; dbPath?: string },
  env: Env,
  config: TaskcastConfig,
): StoragePlan {
  const chosen = flags.storage ?? envValue(env, "TASKCAST_STORAGE") ?? configuredProvider(config);
  const redisUrl = chosen === undefined || chosen === "redis" ? redisUrlOf(env, config) : undefined;
  const mode = chosen !== undefined ? asMode(chosen) : redisUrl ? "redis" : "memory";
  if (mode === "sqlite") {
    return { mode, path: flags.dbPath ?? envValue(env, "TASKCAST_SQLITE_PATH") ?? "./taskcast.db" };
  }
  const postgresUrl = postgresUrlOf(env, config);
  if (mode === "memory") return postgresUrl ? { mode, postgresUrl } : { mode };
  if (!redisUrl)
    throw new CliError("storage mode redis requires TASKCAST_REDIS_URL or a configured Redis URL");
  return postgresUrl ? { mode, redisUrl, postgresUrl } : { mode, redisUrl };
}

/** `TASKCAST_POSTGRES_MAX_CONNECTIONS`: `^[1-9]\d*$` or start fails (config-cli.md §2). */
export function postgresPoolSize(env: Env): number | undefined {
  const raw = envValue(env, "TASKCAST_POSTGRES_MAX_CONNECTIONS");
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d*$/.test(raw))
    throw new CliError("TASKCAST_POSTGRES_MAX_CONNECTIONS must be a positive integer");
  return Number(raw);
}

/** For the start-up lines: never print credentials. */
export function withoutCredentials(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.toString().replace(/\/$/, "");
}
