import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createLogger } from "@rt/kit";
import { Hono } from "hono";
import { sandboxRoutes } from "../../src/sandbox/routes.ts";
import type { UserEnv } from "../../src/uploads/deps.ts";
import {
  type Harness,
  openHarness,
  type Served,
  serve,
  sessionCookieAuth,
  type TestUser,
} from "../uploads/harness.ts";

const SLOW = 60_000;
let h: Harness;
let served: Served;

beforeAll(async () => {
  h = await openHarness();
  const app = new Hono<UserEnv>();
  app.route(
    "/",
    sandboxRoutes({
      requireUser: sessionCookieAuth(h.db),
      logger: createLogger({ level: "silent" }),
      limits: { timeoutMs: 400 },
    }),
  );
  served = serve(app);
}, SLOW);

afterAll(async () => {
  await served?.stop();
  await h?.close();
});

const execute = (who: TestUser | undefined, body: unknown) =>
  fetch(`${served.url}/api/sandbox/execute`, {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "content-type": "application/json", ...(who ? { cookie: who.cookie } : {}) },
  });

async function expectAnswer(response: Response, status: number, body: unknown) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
  expect(await response.json()).toEqual(body);
}

describe("POST /api/sandbox/execute", () => {
  test("runs the code and answers output, error and time", async () => {
    const user = await h.createUser("Runner");
    await expectAnswer(
      await execute(user, { code: "console.log(1+1, {a:1}); 5", language: "javascript" }),
      200,
      {
        output: '2 {\n  "a": 1\n}',
        error: null,
        executionTimeMs: expect.any(Number),
      },
    );
    await expectAnswer(
      await execute(user, { code: "throw new Error('boom')", language: "javascript" }),
      200,
      {
        output: "",
        error: "boom",
        executionTimeMs: expect.any(Number),
      },
    );
    const slow = await execute(user, { code: "for (;;) {}", language: "javascript" });
    const result = (await slow.json()) as { error: string; executionTimeMs: number };
    expect(result.error).toBe("Error: Script execution timed out after 400ms");
    expect(Number.isInteger(result.executionTimeMs)).toBe(true);
    expect(result.executionTimeMs).toBeGreaterThanOrEqual(400);
  });

  test("the escape of the original's vm context finds no process", async () => {
    const user = await h.createUser("Attacker");
    const code = "this.constructor.constructor('return process')().mainModule.require('child_process')";
    const response = await execute(user, { code, language: "javascript" });
    const result = (await response.json()) as { output: string; error: string };
    expect(result.error).toBe("EvalError: Code generation from strings disallowed for this context");
    const probe = await execute(user, {
      code: "typeof process + ' ' + typeof require",
      language: "javascript",
    });
    expect(((await probe.json()) as { output: string }).output).toBe("undefined undefined");
  });

  test("validates in the original's order with its messages", async () => {
    const user = await h.createUser("Validator");
    await expectAnswer(await execute(user, { code: "1", language: "python" }), 400, {
      error: 'Unsupported language: "python". Only "javascript" is supported.',
    });
    await expectAnswer(await execute(user, { code: "1" }), 400, {
      error: 'Unsupported language: "undefined". Only "javascript" is supported.',
    });
    await expectAnswer(await execute(user, { code: "", language: "javascript" }), 400, {
      error: "Code is required.",
    });
    await expectAnswer(await execute(user, { code: 5, language: "javascript" }), 400, {
      error: "Code is required.",
    });
    await expectAnswer(await execute(user, { code: "x".repeat(10_001), language: "javascript" }), 400, {
      error: "Code exceeds maximum length of 10000 characters.",
    });
    expect((await execute(user, { code: `${"1".repeat(9_999)};`, language: "javascript" })).status).toBe(200);
  });

  test("allows 10 executions per user per minute, then 429; other users are unaffected", async () => {
    const busy = await h.createUser("Busy");
    for (let i = 0; i < 10; i++) {
      expect((await execute(busy, { code: `${i}`, language: "javascript" })).status).toBe(200);
    }
    await expectAnswer(await execute(busy, { code: "1", language: "javascript" }), 429, {
      error: "Rate limit exceeded. Max 10 executions per minute.",
    });
    // Refused input is not counted, and another user has a budget of their own.
    const other = await h.createUser("Other");
    expect((await execute(other, { code: "1", language: "javascript" })).status).toBe(200);
  });

  test("needs a session", async () => {
    await expectAnswer(await execute(undefined, { code: "1", language: "javascript" }), 401, {
      error: "Unauthorized",
    });
  });
});
