/** `GET /health`: 200 when every check passes, 503 naming the ones that failed. */
import type { Handler } from "hono";

/** Resolves (any value) when healthy; throws or rejects when not. */
export type HealthCheck = () => unknown;

export interface HealthOptions {
  checks?: Record<string, HealthCheck>;
  /** A check slower than this counts as failed, so a hung dependency can't hang the probe. */
  timeoutMs?: number;
}

export interface HealthReport {
  status: "ok" | "fail";
  checks: Record<string, "ok" | string>;
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<"ok" | string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`timeout after ${timeoutMs}ms`), timeoutMs);
  });
  const outcome = Promise.resolve()
    .then(check)
    .then(
      () => "ok" as const,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(options: HealthOptions = {}): Promise<HealthReport> {
  const entries = Object.entries(options.checks ?? {});
  const results = await Promise.all(entries.map(([, check]) => runCheck(check, options.timeoutMs ?? 2000)));
  const checks = Object.fromEntries(entries.map(([name], i) => [name, results[i] ?? "missing"]));
  return { status: results.every((r) => r === "ok") ? "ok" : "fail", checks };
}

export const healthHandler =
  (options: HealthOptions = {}): Handler =>
  async (c) => {
    const report = await checkHealth(options);
    return c.json(report, report.status === "ok" ? 200 : 503);
  };
