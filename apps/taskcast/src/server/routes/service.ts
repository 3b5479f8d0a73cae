/**
 * Public service routes (api.md §4): `/`, `/health`, `/health/ready`, `/health/detail`.
 * Liveness does no I/O; readiness runs every dependency check under one deadline.
 */
import type { Hono } from "hono";
import type { StorageReadiness } from "../../core/lifecycle/writer-heartbeat.ts";
import type { TaskcastEnv } from "../env.ts";
import {
  type AdapterInfo,
  API_VERSION,
  type DependencyCheck,
  type DependencyErrorKind,
  SERVER_NAME,
} from "../info.ts";

export interface ServiceInfo {
  version: string;
  authMode: "none" | "jwt" | "custom";
  adapters: AdapterInfo;
  dependencies: Readonly<Record<string, DependencyCheck>>;
  startedAt: number;
  now: () => number;
  /** Release readiness from the writer registry (re-registers this server first). */
  storage: () => Promise<StorageReadiness>;
}

const READY_DEADLINE_MS = 2000;

type DependencyState = { state: "healthy" } | { state: "unhealthy"; errorKind: DependencyErrorKind };

export function serviceRoutes(app: Hono<TaskcastEnv>, info: ServiceInfo): void {
  const identity = { name: SERVER_NAME, version: info.version, apiVersion: API_VERSION };

  app.get("/", (c) =>
    c.json({
      ...identity,
      links: {
        health: "/health",
        healthReady: "/health/ready",
        healthDetail: "/health/detail",
        openapi: "/openapi.json",
        docs: "/docs",
      },
    }),
  );

  app.get("/health", (c) => c.json({ ok: true, ...identity }));

  app.get("/health/ready", async (c) => {
    const dependencies = await probe(info.dependencies);
    const ok = Object.values(dependencies).every((dependency) => dependency.state === "healthy");
    return c.json({ ok, dependencies }, ok ? 200 : 503);
  });

  app.get("/health/detail", async (c) => {
    const checked = Object.keys(info.dependencies).length > 0 ? await probe(info.dependencies) : undefined;
    const healthy = (name: string) => checked?.[name] === undefined || checked[name].state === "healthy";
    const status = (...names: string[]) => (names.every(healthy) ? "ok" : "error");
    const adapters: Record<string, { provider: string; status: string }> = {
      broadcast: { provider: info.adapters.broadcast, status: status("redisCommand", "redisPubSub") },
      shortTermStore: { provider: info.adapters.shortTermStore, status: status("redisCommand") },
    };
    if (info.adapters.longTermStore) {
      adapters.longTermStore = { provider: info.adapters.longTermStore, status: status("postgres") };
    }
    return c.json({
      ok: checked === undefined || Object.values(checked).every((d) => d.state === "healthy"),
      ...identity,
      uptime: Math.floor((info.now() - info.startedAt) / 1000),
      auth: { mode: info.authMode },
      adapters,
      ...(checked ? { dependencies: detailOf(checked, info.now()) } : {}),
      storage: await info.storage(),
    });
  });
}

async function probe(
  checks: Readonly<Record<string, DependencyCheck>>,
): Promise<Record<string, DependencyState>> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => [name, await probeOne(check)] as const),
  );
  return Object.fromEntries(entries);
}

async function probeOne(check: DependencyCheck): Promise<DependencyState> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<DependencyState>((resolve) => {
    timer = setTimeout(() => resolve({ state: "unhealthy", errorKind: "timeout" }), READY_DEADLINE_MS);
  });
  const outcome = check().then(
    (): DependencyState => ({ state: "healthy" }),
    (error: unknown): DependencyState => ({ state: "unhealthy", errorKind: errorKindOf(error) }),
  );
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

const KIND_BY_CODE: Readonly<Record<string, DependencyErrorKind>> = {
  ECONNREFUSED: "connection_refused",
  ECONNRESET: "connection_reset",
  ETIMEDOUT: "timeout",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
};

function errorKindOf(error: unknown): DependencyErrorKind {
  const code = typeof error === "object" && error !== null && "code" in error ? String(error.code) : "";
  return KIND_BY_CODE[code] ?? "unavailable";
}

/** The registry view of `/health/detail`, reduced to what one probe can tell. */
function detailOf(checked: Record<string, DependencyState>, now: number) {
  const at = new Date(now).toISOString();
  return Object.fromEntries(
    Object.entries(checked).map(([name, state]) => [
      name,
      {
        configured: true,
        state: state.state,
        lastTransitionAt: at,
        consecutiveFailures: state.state === "healthy" ? 0 : 1,
        ...(state.state === "unhealthy" ? { lastErrorKind: state.errorKind } : {}),
      },
    ]),
  );
}
