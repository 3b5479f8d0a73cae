/** Publishing and history over real HTTP. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TaskEvent } from "../../src/core/types.ts";
import { call, closeAll, createTask, publish, startServer, transition } from "./helpers.ts";

let base: string;
beforeAll(async () => {
  base = (await startServer()).base;
});
afterAll(closeAll);

const history = async (id: string, query = "") =>
  (await call(base, "GET", `/tasks/${id}/events/history${query}`)).body as TaskEvent[];

describe("POST /tasks/:id/events", () => {
  test("single publish → 201 echo in memory key order; missing data becomes null", async () => {
    const task = await createTask(base);
    const answer = await call(base, "POST", `/tasks/${task.id}/events`, {
      body: { type: "log", level: "info" },
    });
    expect(answer.status).toBe(201);
    const event = answer.body as TaskEvent;
    expect(Object.keys(event)).toEqual(["id", "taskId", "index", "timestamp", "type", "level", "data"]);
    expect(event).toMatchObject({ taskId: task.id, index: 0, type: "log", level: "info", data: null });
  });

  test("batch publish → 201 array in order; allowed while pending, paused and blocked", async () => {
    const task = await createTask(base);
    const events = await publish(base, task.id, [
      { type: "a", level: "info", data: 1 },
      { type: "b", level: "warn", data: 2 },
    ]);
    expect(events.map((e) => [e.type, e.index])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    await transition(base, task.id, "paused");
    // Index 2 is the status event of the transition.
    expect((await publish(base, task.id, { type: "c", level: "debug" }))[0]?.index).toBe(3);
  });

  test("terminal task → 400; unknown task → 404", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "cancelled");
    const refused = await call(base, "POST", `/tasks/${task.id}/events`, {
      body: { type: "x", level: "info" },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ error: "Cannot publish to task in terminal status: cancelled" });
    const missing = await call(base, "POST", "/tasks/ghost/events", { body: { type: "x", level: "info" } });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "Task not found: ghost" });
  });

  test("validator path: the whole body is checked first (union issue, nothing published)", async () => {
    const task = await createTask(base);
    const answer = await call(base, "POST", `/tasks/${task.id}/events`, {
      body: [{ type: "ok", level: "info" }, { type: "bad" }],
    });
    expect(answer.status).toBe(400);
    const issue = (answer.body as { error: { issues: Record<string, unknown>[] } }).error.issues[0];
    expect(issue).toMatchObject({ code: "invalid_union", path: [], message: "Invalid input" });
    expect(Object.keys(issue ?? {})).toEqual(["code", "unionErrors", "path", "message"]);
    expect(((issue?.unionErrors ?? []) as { name: string }[]).map((e) => e.name)).toEqual([
      "ZodError",
      "ZodError",
    ]);
    expect(await history(task.id)).toEqual([]);
  });

  test("handler path (no content type): items published until the first invalid one", async () => {
    const task = await createTask(base);
    const answer = await call(base, "POST", `/tasks/${task.id}/events`, {
      body: [
        { type: "ok", level: "info" },
        { type: "bad", level: "loud" },
      ],
      json: false,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: {
        formErrors: [],
        fieldErrors: {
          level: ["Invalid enum value. Expected 'debug' | 'info' | 'warn' | 'error', received 'loud'"],
        },
      },
    });
    expect((await history(task.id)).map((e) => e.type)).toEqual(["ok"]);
  });

  test("accumulate series answers the delta", async () => {
    const task = await createTask(base);
    const series = { type: "llm.delta", level: "info", seriesId: "s", seriesMode: "accumulate" };
    await publish(base, task.id, { ...series, data: { delta: "Hel" } });
    const [second] = await publish(base, task.id, { ...series, data: { delta: "lo" } });
    expect(second?.data).toEqual({ delta: "lo" });
  });
});

describe("GET /tasks/:id/events/history", () => {
  test("cursors, limit, accumulated format; unknown task 404", async () => {
    const task = await createTask(base);
    const published = await publish(base, task.id, [
      { type: "t", level: "info", data: 0 },
      { type: "t", level: "info", data: 1 },
      { type: "s", level: "info", seriesId: "a", seriesMode: "accumulate", data: { delta: "x" } },
      { type: "s", level: "info", seriesId: "a", seriesMode: "accumulate", data: { delta: "y" } },
    ]);
    const [first, second] = published;
    expect((await history(task.id)).map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect((await history(task.id, `?since.id=${first?.id}`)).map((e) => e.index)).toEqual([1, 2, 3]);
    expect((await history(task.id, "?since.id=unknown")).map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect((await history(task.id, "?since.index=1")).map((e) => e.index)).toEqual([2, 3]);
    expect(await history(task.id, "?since.index=abc")).toEqual([]);
    expect(
      (await history(task.id, `?since.timestamp=${(second?.timestamp ?? 0) - 1}`)).length,
    ).toBeGreaterThan(0);
    expect((await history(task.id, "?limit=2")).map((e) => e.index)).toEqual([0, 1]);
    expect((await history(task.id, "?limit=0")).length).toBe(4);
    const accumulated = await history(task.id, "?seriesFormat=accumulated");
    expect(accumulated.map((e) => e.index)).toEqual([0, 1, 3]);
    expect(accumulated[2]).toMatchObject({ data: { delta: "xy" }, seriesSnapshot: true });
    // types/levels are accepted and ignored here.
    expect((await history(task.id, "?types=none")).length).toBe(4);
    const missing = await call(base, "GET", "/tasks/ghost/events/history");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "Task not found" });
  });
});
