/** A real Arinova server on an ephemeral port, over a given database, and a small HTTP client. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type RateLimiter } from "@rt/kit";
import type Redis from "ioredis";
import type { AgentPresence } from "../../src/agents/presence.ts";
import { type Arinova, createArinova } from "../../src/app.ts";
import { loadArinovaConfig } from "../../src/config.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";

export const WEB_ORIGIN = "http://localhost:3500";

/** The suites make far more than 300 requests from one address; rate limits have their own tests. */
export const unlimited: RateLimiter = {
  hit: async (_key, limit, windowMs) => ({ allowed: true, remaining: limit - 1, resetMs: windowMs }),
};

export interface TestServerOptions {
  env?: Record<string, string>;
  rateLimiter?: RateLimiter;
  redis?: Redis;
  presence?: AgentPresence;
}

export interface TestServer {
  readonly url: string;
  readonly arinova: Arinova;
  close(): Promise<void>;
}

export async function startServer(
  database: DatabaseHandle,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const uploadDir = mkdtempSync(join(tmpdir(), "arinova-uploads-"));
  const config = loadArinovaConfig({
    BETTER_AUTH_SECRET: "test-secret-0123456789abcdef0123456789",
    UPLOAD_DIR: uploadDir,
    ...options.env,
  });
  const arinova = await createArinova(config, {
    database,
    logger: createLogger({ level: "silent" }),
    rateLimiter: "rateLimiter" in options ? options.rateLimiter : unlimited,
    redis: options.redis,
    presence: options.presence,
    allowPrivateAgentEndpoints: true,
  });
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: arinova.fetch });
  return {
    url: `http://127.0.0.1:${server.port}`,
    arinova,
    close: async () => {
      await server.stop(true);
      await arinova.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: unknown;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  raw?: string;
  cookie?: string;
  headers?: Record<string, string>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply> {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("cookie", options.cookie);
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await fetch(base + path, { method, headers, body, redirect: "manual" });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, body: parsed };
}

/** `name=value` pairs of every Set-Cookie, for the next request's Cookie header. */
export function cookiesOf(headers: Headers): string {
  return headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

export interface SignedUp {
  cookie: string;
  user: { id: string; email: string; name: string };
}

let counter = 0;

/** A new user through the real sign-up endpoint, with its real session cookie. */
export async function signUp(base: string, name = "Tester"): Promise<SignedUp> {
  counter += 1;
  const email = `user${Date.now().toString(36)}${counter}@example.com`;
  const reply = await call(base, "POST", "/api/auth/sign-up/email", {
    body: { name, email, password: "correct horse battery" },
  });
  if (reply.status !== 200) throw new Error(`sign-up failed: ${reply.status} ${reply.text}`);
  const { user } = reply.body as { user: SignedUp["user"] };
  return { cookie: cookiesOf(reply.headers), user };
}
