import { describe, expect, test } from "bun:test";
import { collect, setup, taskIn, unwrap } from "./helpers.ts";

const request = { type: "approval", data: { question: "Ship it?" } };

describe("paused and blocked", () => {
  test("blocking emits status then blocked, with reason and request", async () => {
    const { engine, clock } = setup();
    const task = await taskIn(engine, "running");
    const live = await collect(engine, task.id);
    const blocked = unwrap(
      await engine.transition(task.id, "blocked", {
        reason: "needs a human",
        blockedRequest: request,
        resumeAfterMs: 5_000,
      }),
    );
    expect(blocked).toMatchObject({
      reason: "needs a human",
      blockedRequest: request,
      resumeAt: clock.now() + 5_000,
    });
    expect(live.map((m) => [m.type, m.data])).toEqual([
      ["taskcast:status", { status: "blocked" }],
      ["taskcast:blocked", { reason: "needs a human", request }],
    ]);
  });

  test("/request answers the blocked request only while blocked", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "running");
    expect(await engine.getBlockedRequest(task.id)).toEqual({
      ok: false,
      error: { kind: "not_found", message: "No blocked request" },
    });
    unwrap(await engine.transition(task.id, "blocked", { blockedRequest: request }));
    expect(unwrap(await engine.getBlockedRequest(task.id))).toEqual(request);
    expect((await engine.getBlockedRequest("nope")).ok).toBe(false);
  });

  test("/resolve runs the task with the data as result and emits resolved", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "running");
    unwrap(await engine.transition(task.id, "blocked", { blockedRequest: request, reason: "r" }));
    const live = await collect(engine, task.id);
    const resolved = unwrap(await engine.resolve(task.id, "yes"));
    expect(resolved.status).toBe("running");
    expect(resolved.result).toEqual({ resolution: "yes" });
    expect(["reason", "blockedRequest", "resumeAt"].filter((key) => key in resolved)).toEqual([]);
    expect(live.map((m) => [m.type, m.data])).toEqual([
      ["taskcast:status", { status: "running", result: { resolution: "yes" } }],
      ["taskcast:resolved", { resolution: { resolution: "yes" } }],
    ]);
  });

  test("/resolve with an object stores it as is; refuses tasks that are not blocked", async () => {
    const { engine } = setup();
    const task = await taskIn(engine, "blocked");
    expect(unwrap(await engine.resolve(task.id, { approved: true })).result).toEqual({ approved: true });
    expect(await engine.resolve(task.id, {})).toEqual({
      ok: false,
      error: { kind: "bad_request", message: "Task is not blocked" },
    });
    expect(await engine.resolve("nope", {})).toEqual({
      ok: false,
      error: { kind: "not_found", message: "Task not found" },
    });
  });

  test("the scheduler wakes blocked tasks whose resumeAt has passed", async () => {
    const { engine, clock } = setup();
    const task = await taskIn(engine, "running");
    const later = await taskIn(engine, "running");
    const forever = await taskIn(engine, "blocked");
    unwrap(await engine.transition(task.id, "blocked", { resumeAfterMs: 1_000, blockedRequest: request }));
    unwrap(await engine.transition(later.id, "blocked", { resumeAfterMs: 5_000 }));
    clock.advance(999);
    expect((await engine.tick()).resumed).toEqual([]);
    clock.advance(1);
    expect((await engine.tick()).resumed).toEqual([task.id]);
    const woken = await engine.getTask(task.id);
    expect(woken?.status).toBe("running");
    expect(woken).not.toHaveProperty("resumeAt");
    const types = unwrap(await engine.getHistory(task.id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(["taskcast:status", "taskcast:resolved"]);
    clock.advance(10_000);
    expect((await engine.tick()).resumed).toEqual([later.id]);
    expect((await engine.getTask(forever.id))?.status).toBe("blocked");
  });
});
