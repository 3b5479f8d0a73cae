/** Webhooks delivered for real: per task and per server, filtered, signed, retried, logged. */
import { afterEach, describe, expect, test } from "bun:test";
import { createLogger } from "@rt/kit";
import type { TaskEvent } from "../../src/core/types.ts";
import { type BuildConfig, type BuiltServer, buildServer } from "../../src/server/build.ts";
import { createMemoryAdapters } from "../../src/storage/memory/index.ts";
import { Receiver } from "./receiver.ts";

const SECRET = "webhook-secret";
const fast = { retries: 3, backoff: "fixed", initialDelayMs: 10, maxDelayMs: 10, timeoutMs: 2_000 } as const;
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function receiver(secret = SECRET): Receiver {
  const created = new Receiver(secret);
  cleanups.push(() => created.stop());
  return created;
}

function server(webhooks: BuildConfig["webhooks"] = { allowPrivate: true }): BuiltServer {
  const built = buildServer({
    storage: createMemoryAdapters(),
    logger: createLogger({ level: "silent" }),
    webhooks,
  });
  cleanups.push(() => built.close());
  return built;
}

async function call(built: BuiltServer, method: string, path: string, body?: unknown) {
  const response = await built.fetch(
    new Request(`http://taskcast${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as unknown };
}

async function runTask(
  built: BuiltServer,
  webhooks: unknown[],
): Promise<{ id: string; history: TaskEvent[] }> {
  const task = (await call(built, "POST", "/tasks", { type: "llm", webhooks })).body as { id: string };
  await call(built, "PATCH", `/tasks/${task.id}/status`, { status: "running" });
  await call(built, "POST", `/tasks/${task.id}/events`, [
    { type: "llm.delta", level: "info", data: { delta: "a" } },
    { type: "log.debug", level: "debug", data: null },
    { type: "llm.delta", level: "info", data: { delta: "b" } },
  ]);
  await call(built, "PATCH", `/tasks/${task.id}/status`, { status: "completed", result: { ok: true } });
  const history = (await call(built, "GET", `/tasks/${task.id}/events/history`)).body as TaskEvent[];
  return { id: task.id, history };
}

describe("task webhooks", () => {
  test("every event, raw TaskEvent body, signed, with event and timestamp headers, in order", async () => {
    const hook = receiver();
    const built = server();
    const before = Math.floor(Date.now() / 1000);
    const { history } = await runTask(built, [{ url: hook.url, secret: SECRET }]);
    const received = await hook.until(history.length);
    await built.webhooks.settle();
    expect(received.map((r) => r.body)).toEqual(history.map((event) => JSON.stringify(event)));
    for (const [i, request] of received.entries()) {
      expect(request.signed).toBe(true);
      expect(request.headers.get("x-taskcast-signature")).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(request.headers.get("x-taskcast-event")).toBe(history[i]?.type ?? "");
      expect(request.headers.get("content-type")).toBe("application/json");
      const sent = Number(request.headers.get("x-taskcast-timestamp"));
      expect(sent).toBeGreaterThanOrEqual(before);
      expect(sent).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    }
  });

  test("the subscription's filter applies (types, levels, includeStatus); no secret, no signature", async () => {
    const hook = receiver("");
    const built = server();
    const { history } = await runTask(built, [
      {
        url: hook.url,
        filter: { types: ["llm.*", "taskcast:status"], levels: ["info"], includeStatus: false },
      },
    ]);
    await built.webhooks.settle();
    const expected = history.filter((event) => event.type === "llm.delta");
    expect(hook.received.map((r) => r.json)).toEqual(expected as unknown as Record<string, unknown>[]);
    expect(hook.received.every((r) => r.headers.get("x-taskcast-signature") === null)).toBe(true);
  });

  test("wrap: true sends the SSE envelope, numbered among the events this webhook gets", async () => {
    const hook = receiver();
    const built = server();
    const { history } = await runTask(built, [
      { url: hook.url, secret: SECRET, wrap: true, filter: { types: ["llm.*"] } },
    ]);
    await built.webhooks.settle();
    const deltas = history.filter((event) => event.type === "llm.delta");
    expect(hook.received.map((r) => r.json)).toEqual(
      deltas.map((event, i) => ({
        filteredIndex: i,
        rawIndex: event.index,
        eventId: event.id,
        taskId: event.taskId,
        type: event.type,
        timestamp: event.timestamp,
        level: event.level,
        data: event.data,
      })),
    );
  });

  test("5xx answers are retried with the configured backoff; the delivery log shows the attempts", async () => {
    const hook = receiver();
    hook.answers = [500, 503];
    const built = server();
    const task = (
      await call(built, "POST", "/tasks", { webhooks: [{ url: hook.url, secret: SECRET, retry: fast }] })
    ).body as { id: string };
    await call(built, "PATCH", `/tasks/${task.id}/status`, { status: "running" });
    await built.webhooks.settle();
    expect(hook.received.map((r) => r.signed)).toEqual([true, true, true]);
    const log = (await call(built, "GET", `/tasks/${task.id}/webhooks/deliveries`)).body as {
      deliveries: Array<{
        outcome: string;
        status: number;
        eventType: string;
        attempts: Array<{ status: number }>;
      }>;
    };
    expect(log.deliveries).toHaveLength(1);
    expect(log.deliveries[0]).toMatchObject({
      outcome: "delivered",
      status: 200,
      eventType: "taskcast:status",
    });
    expect(log.deliveries[0]?.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
  });

  test("exponential backoff: initial·2^(k−1) between attempts, capped at maxDelayMs", async () => {
    const hook = receiver();
    hook.answers = [500, 500, 500];
    const built = server();
    const retry = { retries: 3, backoff: "exponential", initialDelayMs: 40, maxDelayMs: 100 };
    const task = (
      await call(built, "POST", "/tasks", { webhooks: [{ url: hook.url, secret: SECRET, retry }] })
    ).body as { id: string };
    await call(built, "PATCH", `/tasks/${task.id}/status`, { status: "running" });
    await built.webhooks.settle();
    const gaps = hook.received.slice(1).map((request, i) => request.at - (hook.received[i]?.at ?? 0));
    expect(gaps).toHaveLength(3);
    for (const [i, expected] of [40, 80, 100].entries()) {
      expect(gaps[i] ?? 0).toBeGreaterThanOrEqual(expected - 5);
      expect(gaps[i] ?? 0).toBeLessThan(expected + 150);
    }
    expect(built.deliveries.forTask(task.id)[0]?.outcome).toBe("delivered");
  });

  test("retries run out: failed after retries + 1 attempts with the last HTTP status", async () => {
    const hook = receiver();
    hook.answers = [500, 500, 500];
    const built = server({
      allowPrivate: true,
      defaultRetry: { retries: 2, backoff: "linear", initialDelayMs: 5 },
    });
    const task = (await call(built, "POST", "/tasks", { webhooks: [{ url: hook.url }] })).body as {
      id: string;
    };
    await call(built, "PATCH", `/tasks/${task.id}/status`, { status: "cancelled" });
    await built.webhooks.settle();
    expect(hook.received).toHaveLength(3);
    expect(built.deliveries.forTask(task.id)).toMatchObject([
      { outcome: "failed", status: 500, error: "HTTP 500" },
    ]);
  });

  test("loopback targets are refused unless allowed", async () => {
    const hook = receiver();
    const built = server({});
    const task = (await call(built, "POST", "/tasks", { webhooks: [{ url: hook.url, retry: fast }] }))
      .body as {
      id: string;
    };
    await call(built, "PATCH", `/tasks/${task.id}/status`, { status: "running" });
    await built.webhooks.settle();
    expect(hook.received).toHaveLength(0);
    const [record] = built.deliveries.forTask(task.id);
    expect(record?.outcome).toBe("failed");
    expect(record?.error).toContain("127.0.0.1");
  });

  test("invalid webhook entries are skipped, valid ones still delivered", async () => {
    const hook = receiver();
    const built = server();
    const { history } = await runTask(built, [{ nope: true }, { url: hook.url, secret: SECRET }]);
    await built.webhooks.settle();
    expect(hook.received).toHaveLength(history.length);
  });
});

describe("server webhooks", () => {
  test("configured subscriptions get every task's events next to the task's own", async () => {
    const serverHook = receiver();
    const taskHook = receiver();
    const built = server({
      allowPrivate: true,
      subscriptions: [{ url: serverHook.url, secret: SECRET, filter: { types: ["taskcast:status"] } }],
    });
    const first = await runTask(built, [{ url: taskHook.url, secret: SECRET }]);
    const second = await runTask(built, []);
    await built.webhooks.settle();
    const statuses = [...first.history, ...second.history].filter((e) => e.type === "taskcast:status");
    expect(
      serverHook.received.map((r) => r.json).sort((a, b) => String(a.id).localeCompare(String(b.id))),
    ).toEqual(
      (statuses as unknown as Record<string, unknown>[]).sort((a, b) =>
        String(a.id).localeCompare(String(b.id)),
      ),
    );
    expect(serverHook.received.every((r) => r.signed)).toBe(true);
    expect(taskHook.received).toHaveLength(first.history.length);
  });
});
