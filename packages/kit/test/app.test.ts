import { afterAll, describe, expect, test } from "bun:test";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import {
  AppError,
  createApp,
  createLogger,
  type ErrorMapper,
  type KitVariables,
  memorySink,
  parseJson,
} from "../src/index.ts";
import { serve } from "./serve.ts";

const out = memorySink();
const logger = createLogger({ level: "debug", sink: out.sink });

// An app contract with its own error shape, like each real server has.
const contractMapper: ErrorMapper = (error, c) =>
  c.json(
    { ok: false, code: error.kind, message: error.message, details: error.details ?? null },
    error.status as 400,
  );

const app = createApp({ name: "test", logger, errorMapper: contractMapper });
app.get("/hello", (c) => c.json({ hello: "world", requestId: c.get("requestId") }));
app.get("/missing", () => {
  throw new AppError("not_found", "No such task", { details: { id: "t1" } });
});
app.get("/crash", () => {
  throw new Error("secret database detail");
});
app.post("/echo", async (c) => c.json({ got: await c.req.json() }));
app.post("/tasks", async (c) => {
  const body = await parseJson(c, z.object({ title: z.string().min(1) }));
  return c.json({ title: body.title }, 201);
});

const server = serve(app);
afterAll(() => server.stop());

describe("createApp", () => {
  test("generates a request id and echoes it", async () => {
    const res = await fetch(`${server.url}/hello`);
    const id = res.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await res.json()).toEqual({ hello: "world", requestId: id });
  });

  test("honours a sane incoming request id and replaces an insane one", async () => {
    const kept = await fetch(`${server.url}/hello`, { headers: { "x-request-id": "trace-123.abc" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-123.abc");
    const replaced = await fetch(`${server.url}/hello`, {
      headers: { "x-request-id": "has spaces <script>" },
    });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("domain errors render through the app's mapper, with the request id", async () => {
    const res = await fetch(`${server.url}/missing`, { headers: { "x-request-id": "r-404" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("x-request-id")).toBe("r-404");
    expect(await res.json()).toEqual({
      ok: false,
      code: "not_found",
      message: "No such task",
      details: { id: "t1" },
    });
  });

  test("unknown routes go through the same mapper", async () => {
    const res = await fetch(`${server.url}/nowhere`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, code: "not_found" });
  });

  test("unknown errors become a 500 without leaking, and are logged with the request id", async () => {
    const res = await fetch(`${server.url}/crash`, { headers: { "x-request-id": "r-500" } });
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body).toMatchObject({ ok: false, code: "internal", message: "Internal Server Error" });
    expect(JSON.stringify(body)).not.toContain("secret");
    const logged = out.records().find((r) => r.level === "error" && r.requestId === "r-500");
    expect(logged).toMatchObject({ msg: "unhandled error", app: "test", path: "/crash" });
    expect(JSON.stringify(logged)).toContain("secret database detail");
  });

  test("a malformed JSON body is a 400, not a 500", async () => {
    const res = await fetch(`${server.url}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"unterminated":',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "bad_request", message: "Malformed JSON body" });
  });

  test("parseJson validates with zod and reports the bad fields", async () => {
    const post = (body: string) =>
      fetch(`${server.url}/tasks`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const created = await post('{"title":"write kit"}');
    expect(created.status).toBe(201);
    const invalid = await post('{"title":""}');
    expect(invalid.status).toBe(400);
    const body = (await invalid.json()) as { message: string; details: { path: string[] }[] };
    expect(body.message).toBe("Invalid request body");
    expect(body.details[0]?.path).toEqual(["title"]);
    expect((await post("nope")).status).toBe(400);
  });

  test("access log lines at debug carry method, path, status and duration", async () => {
    await fetch(`${server.url}/hello`, { headers: { "x-request-id": "r-log" } });
    const line = out.records().find((r) => r.msg === "request" && r.requestId === "r-log");
    expect(line).toMatchObject({ level: "debug", method: "GET", path: "/hello", status: 200 });
    expect(typeof line?.durationMs).toBe("number");
  });

  test("apps extend the context variables with their own", async () => {
    const typed = createApp<{ Variables: KitVariables & { userId: string } }>({ name: "typed", logger });
    typed.use(async (c, next) => {
      c.set("userId", "u1");
      await next();
    });
    typed.get("/me", (c) => c.json({ userId: c.get("userId"), requestId: c.get("requestId") }));
    const res = await typed.request("/me", { headers: { "x-request-id": "r-me" } });
    expect(await res.json()).toEqual({ userId: "u1", requestId: "r-me" });
  });

  test("Hono HTTPExceptions keep their status as a kind", async () => {
    const limited = createApp({ name: "limited", logger: createLogger({ level: "silent" }) });
    limited.post("/upload", bodyLimit({ maxSize: 10 }), (c) => c.text("ok"));
    const res = await limited.request("/upload", { method: "POST", body: "x".repeat(100) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ error: "Payload Too Large" });
  });

  test("the default mapper renders { error: message }", async () => {
    const plain = createApp({ name: "plain", logger: createLogger({ level: "silent" }) });
    plain.get("/conflict", () => {
      throw new AppError("conflict", "Already exists");
    });
    const res = await plain.request("/conflict");
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: "Already exists" });
  });
});
