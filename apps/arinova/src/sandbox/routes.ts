/**
 * `POST /api/sandbox/execute` (rest.md §10): checks in the original's order (language, code,
 * length, then the per-user rate limit), then one isolated execution.
 */
import { MemoryRateLimiter } from "@rt/kit";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { sendJson } from "../http/json.ts";
import type { SandboxDeps, SandboxEnv } from "./deps.ts";
import { DEFAULT_SANDBOX_LIMITS } from "./limits.ts";
import { quickJsSandbox } from "./sandbox.ts";

/** The original destructured `{code, language}` without validating; anything else reads as absent. */
const ExecuteBody = z.object({ code: z.unknown(), language: z.unknown() }).partial().catch({});

const reply = (c: Context, value: unknown, status: 200 | 400 | 429 = 200): Response =>
  sendJson(c, value, status);

// Hono cannot narrow a generic env's variables, but every E extends SandboxEnv.
const userIdOf = (c: Context): string => (c as Context<SandboxEnv>).get("user").id;

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function sandboxRoutes<E extends SandboxEnv>(deps: SandboxDeps<E>): Hono<E> {
  const limits = { ...DEFAULT_SANDBOX_LIMITS, ...deps.limits };
  const rateLimiter = deps.rateLimiter ?? new MemoryRateLimiter();
  const sandbox = deps.sandbox ?? quickJsSandbox(limits);
  const bodyOf = deps.body ?? readJson;
  const app = new Hono<E>();

  app.post("/api/sandbox/execute", deps.requireUser, async (c) => {
    const { code, language } = ExecuteBody.parse(await bodyOf(c));
    if (language !== "javascript") {
      return reply(
        c,
        { error: `Unsupported language: "${String(language)}". Only "javascript" is supported.` },
        400,
      );
    }
    if (typeof code !== "string" || code === "") return reply(c, { error: "Code is required." }, 400);
    if (code.length > limits.maxCodeLength) {
      return reply(c, { error: `Code exceeds maximum length of ${limits.maxCodeLength} characters.` }, 400);
    }
    const userId = userIdOf(c);
    const { allowed } = await rateLimiter.hit(
      `sandbox:${userId}`,
      limits.maxExecutionsPerWindow,
      limits.rateWindowMs,
    );
    if (!allowed) {
      return reply(
        c,
        { error: `Rate limit exceeded. Max ${limits.maxExecutionsPerWindow} executions per minute.` },
        429,
      );
    }
    const result = await sandbox.execute(code);
    if (result.error !== null) deps.logger.debug("sandbox execution failed", { userId, error: result.error });
    return reply(c, result);
  });

  return app;
}
