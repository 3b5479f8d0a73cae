/** Task routes over real HTTP: create, list, read, transitions, and the contract's error shapes. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Task } from "../../src/core/types.ts";
import { call, closeAll, createTask, startServer, type TestServer, transition } from "./helpers.ts";

let server: TestServer;
let base: string;
beforeAll(async () => {
  server = await startServer();
  base = server.base;
});
afterAll(closeAll);

describe("POST /tasks", () => {
  test("creates a pending task with equal timestamps and a ULID", async () => {
    const answer = await call(base, "POST", "/tasks", {
      body: { type: "llm.chat", params: { q: 1 }, result: { x: 1 } },
    });
    expect(answer.status).toBe(201);
    expect(answer.headers.get("content-type")).toStartWith("application/json");
    const task = answer.body as Task;
    expect(task.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(task.status).toBe("pending");
    expect(task.type).toBe("llm.chat");
    expect(task.createdAt).toBe(task.updatedAt);
    // `result` is not a create field: ignored, as server-sdk sends it.
    expect(Object.keys(task)).toEqual(["id", "type", "status", "params", "createdAt", "updatedAt"]);
  });

  test("explicit id; duplicate → 409 and the original stays untouched", async () => {
    await createTask(base, { id: "dup-1", type: "a" });
    const again = await call(base, "POST", "/tasks", { body: { id: "dup-1", type: "b" } });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: "Task already exists: dup-1" });
    expect(((await call(base, "GET", "/tasks/dup-1")).body as Task).type).toBe("a");
  });

  test("validator envelope (zod 3 shape) with a JSON content type", async () => {
    const answer = await call(base, "POST", "/tasks", {
      body: { ttl: 0, cost: 1.5, tags: [1], assignMode: "x" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      success: false,
      error: {
        name: "ZodError",
        issues: [
          {
            code: "too_small",
            minimum: 0,
            type: "number",
            inclusive: false,
            exact: false,
            message: "Number must be greater than 0",
            path: ["ttl"],
          },
          {
            code: "invalid_type",
            expected: "string",
            received: "number",
            path: ["tags", 0],
            message: "Expected string, received number",
          },
          {
            received: "x",
            code: "invalid_enum_value",
            options: ["external", "pull", "ws-offer", "ws-race"],
            path: ["assignMode"],
            message:
              "Invalid enum value. Expected 'external' | 'pull' | 'ws-offer' | 'ws-race', received 'x'",
          },
          {
            code: "invalid_type",
            expected: "integer",
            received: "float",
            message: "Expected integer, received float",
            path: ["cost"],
          },
        ],
      },
    });
    // Key order is zod 3's, which byte-comparing clients see.
    expect(answer.text).toContain(
      '{"code":"too_small","minimum":0,"type":"number","inclusive":false,"exact":false,"message"',
    );
  });

  test("flatten shape when no content type is sent", async () => {
    const answer = await call(base, "POST", "/tasks", { body: { params: [] }, json: false });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { formErrors: [], fieldErrors: { params: ["Expected object, received array"] } },
    });
  });

  test("malformed JSON: 400 text with JSON content type, 500 text without", async () => {
    const withType = await call(base, "POST", "/tasks", { raw: "{nope" });
    expect(withType.status).toBe(400);
    expect(withType.headers.get("content-type")).toBe("text/plain; charset=UTF-8");
    expect(withType.text).toBe("Malformed JSON in request body");
    const without = await call(base, "POST", "/tasks", { raw: "{nope", json: false });
    expect(without.status).toBe(500);
    expect(without.text).toBe("Internal Server Error");
  });

  test("oversized body → 413", async () => {
    const small = await startServer({ bodyLimitBytes: 1024 });
    const answer = await call(small.base, "POST", "/tasks", { body: { params: { blob: "x".repeat(4096) } } });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: "Payload Too Large" });
    await small.close();
  });
});

describe("GET /tasks and /tasks/:id", () => {
  test("read with hot/subscriberCount; unknown → 404", async () => {
    const task = await createTask(base, { type: "read" });
    const answer = await call(base, "GET", `/tasks/${task.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ...task, hot: false, subscriberCount: 0 });
    const missing = await call(base, "GET", "/tasks/nope");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "Task not found" });
  });

  test("a task with id `import` is still readable", async () => {
    await createTask(base, { id: "import" });
    expect((await call(base, "GET", "/tasks/import")).status).toBe(200);
  });

  test("list filters by status (comma list) and exact type", async () => {
    const own = await startServer();
    const a = await createTask(own.base, { type: "alpha" });
    const b = await createTask(own.base, { type: "beta" });
    await transition(own.base, b.id, "running");
    const ids = async (query: string) =>
      ((await call(own.base, "GET", `/tasks${query}`)).body as { tasks: Task[] }).tasks.map((t) => t.id);
    expect(await ids("")).toEqual([a.id, b.id]);
    expect(await ids("?status=running")).toEqual([b.id]);
    expect(await ids("?status=pending,,running")).toEqual([a.id, b.id]);
    expect(await ids("?status=bogus")).toEqual([]);
    expect(await ids("?type=alpha")).toEqual([a.id]);
    expect(await ids("?type=alp*")).toEqual([]);
    const listed = (await call(own.base, "GET", "/tasks")).body as { tasks: Record<string, unknown>[] };
    expect(listed.tasks[0]).toMatchObject({ hot: false, subscriberCount: 0 });
    await own.close();
  });
});

describe("PATCH /tasks/:id/status", () => {
  test("full lifecycle with result; completedAt set; no enrichment", async () => {
    const task = await createTask(base);
    expect((await transition(base, task.id, "running")).status).toBe(200);
    const done = await transition(base, task.id, "completed", { result: { answer: 42 } });
    expect(done.status).toBe(200);
    const body = done.body as Task & { hot?: boolean };
    expect(body.status).toBe("completed");
    expect(body.result).toEqual({ answer: 42 });
    expect(body.completedAt).toBeNumber();
    expect(body.hot).toBeUndefined();
  });

  test("failed keeps the error object in message, code, details order", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    const failed = await transition(base, task.id, "failed", {
      error: { details: { line: 3 }, code: "E_BOOM", message: "boom" },
    });
    expect(failed.text).toContain('"error":{"message":"boom","code":"E_BOOM","details":{"line":3}}');
  });

  test("invalid transition → 409 with the arrow; unknown task → 404", async () => {
    const task = await createTask(base);
    const bad = await transition(base, task.id, "completed");
    expect(bad.status).toBe(409);
    expect(bad.body).toEqual({ error: "Invalid transition: pending \u2192 completed" });
    const missing = await transition(base, "ghost", "running");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "Task not found: ghost" });
  });

  test("missing status: validator shape says Required", async () => {
    const task = await createTask(base);
    const answer = await call(base, "PATCH", `/tasks/${task.id}/status`, { body: {} });
    expect(answer.status).toBe(400);
    const issues = (answer.body as { error: { issues: Record<string, unknown>[] } }).error.issues;
    expect(issues).toEqual([
      {
        expected:
          "'pending' | 'assigned' | 'running' | 'paused' | 'blocked' | 'completed' | 'failed' | 'timeout' | 'cancelled'",
        received: "undefined",
        code: "invalid_type",
        path: ["status"],
        message: "Required",
      },
    ]);
  });

  test("20 concurrent terminal transitions → exactly one 200, the rest 409", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => transition(base, task.id, "completed")),
    );
    const ok = answers.filter((a) => a.status === 200);
    const conflicts = answers.filter((a) => a.status === 409);
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(19);
    for (const conflict of conflicts) {
      expect(conflict.body).toEqual({ error: "Invalid transition: completed \u2192 completed" });
    }
  });

  test("blocked with a request, then paused reason handling", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    const blocked = await transition(base, task.id, "blocked", {
      reason: "need input",
      resumeAfterMs: 60_000,
      blockedRequest: { type: "approval", data: { q: "ok?" } },
    });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toMatchObject({
      status: "blocked",
      reason: "need input",
      blockedRequest: { type: "approval", data: { q: "ok?" } },
    });
    expect((blocked.body as Task).resumeAt).toBeNumber();
  });
});

describe("routing", () => {
  test("unknown route → 404 text", async () => {
    const answer = await call(base, "GET", "/nowhere");
    expect(answer.status).toBe(404);
    expect(answer.headers.get("content-type")).toBe("text/plain; charset=UTF-8");
    expect(answer.text).toBe("404 Not Found");
  });

  test("HEAD is served for GET routes", async () => {
    const response = await fetch(`${base}/health`, { method: "HEAD" });
    expect(response.status).toBe(200);
  });
});
