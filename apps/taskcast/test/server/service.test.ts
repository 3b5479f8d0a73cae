/** Service routes, blocked tasks, archives and storage release over real HTTP (api.md §4, §5). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import type { Task, TaskEvent } from "../../src/core/types.ts";
import { PortArchiveRestorer } from "../../src/server/archive/import.ts";
import { createMemoryAdapters } from "../../src/storage/memory/index.ts";
import { call, closeAll, createTask, publish, startServer, transition } from "./helpers.ts";

let base: string;
beforeAll(async () => {
  const storage = createMemoryAdapters();
  const engine = new TaskcastEngine({ ...storage, ttl: "ignore" });
  base = (await startServer({ engine, restorer: new PortArchiveRestorer(storage.shortTerm) })).base;
});
afterAll(closeAll);

describe("service routes", () => {
  test("/ and /health", async () => {
    expect((await call(base, "GET", "/")).text).toBe(
      '{"name":"taskcast","version":"1.6.1","apiVersion":"v1","links":{"health":"/health","healthReady":"/health/ready","healthDetail":"/health/detail","openapi":"/openapi.json","docs":"/docs"}}',
    );
    expect((await call(base, "GET", "/health")).text).toBe(
      '{"ok":true,"name":"taskcast","version":"1.6.1","apiVersion":"v1"}',
    );
  });

  test("/health/ready with no dependencies, and with a failing one", async () => {
    expect((await call(base, "GET", "/health/ready")).text).toBe('{"ok":true,"dependencies":{}}');
    const failing = await startServer({
      dependencies: {
        postgres: () => Promise.reject(Object.assign(new Error("refused"), { code: "ECONNREFUSED" })),
        redisCommand: () => Promise.resolve(),
      },
      adapters: { broadcast: "redis", shortTermStore: "redis", longTermStore: "postgres" },
    });
    const ready = await call(failing.base, "GET", "/health/ready");
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({
      ok: false,
      dependencies: {
        postgres: { state: "unhealthy", errorKind: "connection_refused" },
        redisCommand: { state: "healthy" },
      },
    });
    const detail = (await call(failing.base, "GET", "/health/detail")).body as Record<string, unknown>;
    expect(detail.ok).toBe(false);
    expect(detail.adapters).toEqual({
      broadcast: { provider: "redis", status: "ok" },
      shortTermStore: { provider: "redis", status: "ok" },
      longTermStore: { provider: "postgres", status: "error" },
    });
  });

  test("/health/detail in memory mode", async () => {
    const detail = (await call(base, "GET", "/health/detail")).body as Record<string, unknown>;
    expect(detail).toMatchObject({
      ok: true,
      name: "taskcast",
      apiVersion: "v1",
      auth: { mode: "none" },
      adapters: {
        broadcast: { provider: "memory", status: "ok" },
        shortTermStore: { provider: "memory", status: "ok" },
      },
      storage: {
        releaseReady: false,
        requiredStorageProtocolVersion: 2,
        activeWriterCount: 0,
        incompatibleWriterIds: [],
      },
    });
    expect(detail.uptime).toBeNumber();
    expect(detail.dependencies).toBeUndefined();
  });

  test("/openapi.json and /docs", async () => {
    const doc = (await call(base, "GET", "/openapi.json")).body as {
      openapi: string;
      info: { title: string };
      security: unknown;
      components: { schemas: Record<string, unknown>; securitySchemes: unknown };
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Taskcast API");
    expect(doc.security).toEqual([{ Bearer: [] }]);
    expect(doc.components.securitySchemes).toEqual({
      Bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
    });
    expect(Object.keys(doc.components.schemas)).toContain("PublishEventInput");
    expect(Object.keys(doc.paths)).toContain("/tasks/{taskId}/events/history");
    expect(Object.keys(doc.paths)).not.toContain("/tasks/{taskId}/resolve");
    const docs = await call(base, "GET", "/docs");
    expect(docs.headers.get("content-type")).toStartWith("text/html");
    expect(docs.text).toContain("/openapi.json");
  });
});

describe("blocked tasks", () => {
  test("/request and /resolve", async () => {
    const task = await createTask(base);
    expect((await call(base, "GET", `/tasks/${task.id}/request`)).body).toEqual({
      error: "No blocked request",
    });
    expect((await call(base, "POST", `/tasks/${task.id}/resolve`, { body: { data: 1 } })).body).toEqual({
      error: "Task is not blocked",
    });
    await transition(base, task.id, "running");
    await transition(base, task.id, "blocked", { blockedRequest: { type: "confirm", data: { q: "?" } } });
    expect((await call(base, "GET", `/tasks/${task.id}/request`)).body).toEqual({
      type: "confirm",
      data: { q: "?" },
    });
    const resolved = await call(base, "POST", `/tasks/${task.id}/resolve`, { body: { data: "yes" } });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: "running", result: { resolution: "yes" } });
    const history = (await call(base, "GET", `/tasks/${task.id}/events/history`)).body as TaskEvent[];
    expect(history.at(-1)).toMatchObject({
      type: "taskcast:resolved",
      data: { resolution: { resolution: "yes" } },
    });
    expect((await call(base, "GET", "/tasks/ghost/request")).body).toEqual({ error: "Task not found" });
    expect((await call(base, "POST", "/tasks/ghost/resolve", { body: {} })).status).toBe(404);
  });

  test("malformed resolve body → 500 text even with a JSON content type", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    await transition(base, task.id, "blocked");
    const answer = await call(base, "POST", `/tasks/${task.id}/resolve`, { raw: "{x" });
    expect(answer.status).toBe(500);
    expect(answer.text).toBe("Internal Server Error");
  });
});

describe("archives", () => {
  test("export compacts series and re-indexes; import restores; conflicts and validation", async () => {
    const task = await createTask(base, { type: "arch" });
    const acc = { type: "t", level: "info", seriesId: "a", seriesMode: "accumulate" };
    await publish(base, task.id, [
      { ...acc, data: { delta: "x" } },
      { type: "k", level: "info", data: 1 },
      { ...acc, data: { delta: "y" } },
    ]);
    const exported = await call(base, "GET", `/tasks/${task.id}/archive`);
    expect(exported.status).toBe(200);
    const archive = exported.body as { schema: string; version: number; task: Task; events: TaskEvent[] };
    expect(archive.schema).toBe("taskcast.taskArchive");
    expect(archive.events.map((e) => [e.index, e.data])).toEqual([
      [0, { delta: "xy" }],
      [1, 1],
    ]);
    expect(archive.events.some((e) => "seriesSnapshot" in e)).toBe(false);

    const conflict = await call(base, "POST", "/tasks/import", { body: { archive } });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toEqual({ error: `Task already exists: ${task.id}` });

    const copy = {
      ...archive,
      task: { ...archive.task, id: "imported" },
      events: archive.events.map((e) => ({ ...e, taskId: "imported" })),
    };
    const imported = await call(base, "POST", "/tasks/import", { body: { archive: copy } });
    expect(imported.body).toEqual({ ok: true, taskId: "imported", eventCount: 2, overwritten: false });
    const history = (await call(base, "GET", "/tasks/imported/events/history")).body as TaskEvent[];
    expect(history.map((e) => [e.index, e.id])).toEqual(archive.events.map((e) => [e.index, e.id]));

    const gap = {
      ...copy,
      task: { ...copy.task, id: "gap" },
      events: [{ ...copy.events[0], taskId: "gap", index: 1 }],
    };
    const invalid = await call(base, "POST", "/tasks/import", { body: { archive: gap } });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { error: string }).error).toStartWith("Invalid task archive");
    const shape = await call(base, "POST", "/tasks/import", { body: { archive: { schema: 1 } } });
    expect((shape.body as { success: boolean }).success).toBe(false);
    const noType = await call(base, "POST", "/tasks/import", { body: {}, json: false });
    expect(noType.body).toEqual({ error: "Invalid archive import request" });
    expect((await call(base, "GET", "/tasks/ghost/archive")).body).toEqual({
      error: "Task not found: ghost",
    });
  });
});

describe("storage release", () => {
  test("404 for unknown tasks, body checked, then unsupported on memory storage", async () => {
    expect((await call(base, "POST", "/tasks/ghost/storage/release", { body: {} })).body).toEqual({
      error: "Task not found",
    });
    const task = await createTask(base);
    const bad = await call(base, "POST", `/tasks/${task.id}/storage/release`, {
      body: { expectedLastEventIndex: -2 },
    });
    expect(bad.status).toBe(400);
    const unsupported = await call(base, "POST", `/tasks/${task.id}/storage/release`, {
      body: { expectedLastEventIndex: -1, inactiveSince: 0 },
    });
    expect(unsupported.status).toBe(503);
    expect(unsupported.body).toEqual({
      error: "Task storage release is not supported by this adapter",
      code: "storage_release_unsupported",
    });
  });
});
