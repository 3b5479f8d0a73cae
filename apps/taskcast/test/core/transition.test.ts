import { describe, expect, test } from "bun:test";
import { planTransition, resolutionResult } from "../../src/core/transition.ts";
import type { Task } from "../../src/core/types.ts";

const base: Task = { id: "t", status: "running", createdAt: 1, updatedAt: 1 };

function plan(task: Task, to: Task["status"], payload = {}, options = {}) {
  const result = planTransition(task, to, payload, 100, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe("planTransition", () => {
  test("bumps updatedAt; sets completedAt only on terminal statuses", () => {
    expect(plan(base, "paused").task).toEqual({ ...base, status: "paused", updatedAt: 100 });
    expect(plan(base, "completed").task).toEqual({
      ...base,
      status: "completed",
      updatedAt: 100,
      completedAt: 100,
    });
  });

  test("result and error carry over unless replaced", () => {
    const withResult = plan(base, "paused", { result: { a: 1 }, error: { message: "e1" } }).task;
    const resumed = plan(withResult, "running").task;
    expect(resumed.result).toEqual({ a: 1 });
    expect(resumed.error).toEqual({ message: "e1" });
    expect(plan(resumed, "completed", { result: { b: 2 } }).task.result).toEqual({ b: 2 });
  });

  test("reason is kept only while suspended", () => {
    const paused = plan(base, "paused", { reason: "waiting" }).task;
    expect(paused.reason).toBe("waiting");
    const blocked = plan(paused, "blocked").task;
    expect(blocked.reason).toBe("waiting");
    expect(plan(blocked, "paused", { reason: "again" }).task.reason).toBe("again");
    expect("reason" in plan(paused, "running", { reason: "ignored" }).task).toBe(false);
  });

  test("blocked takes blockedRequest and resumeAt; leaving clears them", () => {
    const request = { type: "approval", data: { q: "ok?" } };
    const blocked = plan(base, "blocked", { blockedRequest: request, resumeAfterMs: 50, reason: "r" }).task;
    expect(blocked).toMatchObject({ blockedRequest: request, resumeAt: 150, reason: "r" });
    const paused = plan(blocked, "paused").task;
    expect(paused.blockedRequest).toEqual(request);
    const reblocked = plan(paused, "blocked").task;
    expect(reblocked).toMatchObject({ blockedRequest: request, resumeAt: 150 });
    const running = plan(reblocked, "running").task;
    expect(["reason", "blockedRequest", "resumeAt"].filter((key) => key in running)).toEqual([]);
    expect(plan(base, "paused", { resumeAfterMs: 5, blockedRequest: request }).task).not.toHaveProperty(
      "resumeAt",
    );
  });

  test("payload ttl replaces the task's ttl", () => {
    expect(plan({ ...base, ttl: 5 }, "paused", { ttl: 9 }).task.ttl).toBe(9);
    expect(plan({ ...base, ttl: 5 }, "paused").task.ttl).toBe(5);
  });

  test("clearAssignment drops the worker (TTL timeouts)", () => {
    const assigned = { ...base, assignedWorker: "w1" };
    expect(plan(assigned, "timeout").task.assignedWorker).toBe("w1");
    expect(plan(assigned, "timeout", {}, { clearAssignment: true }).task).not.toHaveProperty(
      "assignedWorker",
    );
  });

  test("derived events: status, then blocked, then resolved", () => {
    const request = { type: "input", data: null };
    expect(plan(base, "failed", { error: { message: "boom", code: "E" } }).events).toEqual([
      {
        type: "taskcast:status",
        level: "info",
        data: { status: "failed", error: { message: "boom", code: "E" } },
      },
    ]);
    const blocking = plan(base, "blocked", { blockedRequest: request, reason: "need input" });
    expect(blocking.events.map((e) => e.type)).toEqual(["taskcast:status", "taskcast:blocked"]);
    expect(blocking.events[1]?.data).toEqual({ reason: "need input", request });
    expect(plan(base, "blocked").events).toHaveLength(1);
    const resolving = plan(blocking.task, "running", { result: { answer: 42 } });
    expect(resolving.events).toEqual([
      { type: "taskcast:status", level: "info", data: { status: "running", result: { answer: 42 } } },
      { type: "taskcast:resolved", level: "info", data: { resolution: { answer: 42 } } },
    ]);
    expect(plan(plan(base, "blocked").task, "running").events).toHaveLength(1);
  });

  test("status event data names only what the payload gave", () => {
    const carried = { ...base, result: { old: true } };
    expect(plan(carried, "completed").events[0]?.data).toEqual({ status: "completed" });
  });

  test("invalid transitions answer a value", () => {
    expect(planTransition(base, "pending", {}, 1)).toEqual({
      ok: false,
      error: { kind: "invalid_transition", message: "Invalid transition: running \u2192 pending" },
    });
  });
});

describe("resolutionResult", () => {
  test("objects pass through, anything else is wrapped", () => {
    expect(resolutionResult({ ok: true })).toEqual({ ok: true });
    expect(resolutionResult([1])).toEqual([1]);
    expect(resolutionResult("yes")).toEqual({ resolution: "yes" });
    expect(resolutionResult(null)).toEqual({ resolution: null });
    expect(resolutionResult(undefined)).toEqual({});
  });
});
