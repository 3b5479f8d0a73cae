/**
 * Test-only helpers shared by every package: which external services a test may use.
 *
 * A service is used when its `TEST_*_URL` variable is set. When `TEST_REQUIRE_SERVICES=1`
 * (set by .ci/run), a missing variable or an unreachable service is a failure, never a skip.
 * Without the flag, an unset or unreachable service makes the suite skip, so a developer
 * machine without PostgreSQL or Redis still runs everything else.
 */
import { connect } from "node:net";

export type ServiceVar = "TEST_DATABASE_URL" | "TEST_REDIS_URL";

export const servicesRequired = (): boolean => process.env.TEST_REQUIRE_SERVICES === "1";

function reachable(url: string, timeoutMs = 1500): Promise<boolean> {
  const parsed = new URL(url);
  const port = Number(parsed.port || (parsed.protocol.startsWith("redis") ? 6379 : 5432));
  const host = parsed.hostname || "127.0.0.1";
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Resolves the URL of a test service, or `undefined` when the suite should skip.
 * Throws when services are required and this one is missing or unreachable.
 */
export async function serviceUrl(name: ServiceVar): Promise<string | undefined> {
  const url = process.env[name];
  if (!url) {
    if (servicesRequired()) throw new Error(`${name} is not set but TEST_REQUIRE_SERVICES=1`);
    return undefined;
  }
  if (await reachable(url)) return url;
  if (servicesRequired()) throw new Error(`${name}=${url} is unreachable and TEST_REQUIRE_SERVICES=1`);
  return undefined;
}

/** Fresh unique name for per-test Redis prefixes, schemas and the like. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
