import { describe, expect, test } from "bun:test";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import { nextDeadline } from "../../src/core/ttl.ts";
import type { Task } from "../../src/core/types.ts";
import { setup, unwrap } from "./helpers.ts";

const task = (overrides: Partial<Task>): Task => ({
  id: "t",
  status: "running",
  createdAt: 0,
  updatedAt: 0,
  ...overrides,
});

describe("nextDeadline", () => {
  test("none without ttl, while paused, or when terminal", () => {
    expect(nextDeadline(undefined, task({}), undefined, false, 0)).toBeUndefined();
    expect(nextDeadline(undefined, task({ ttl: 1, status: "paused" }), 500, false, 0)).toBeUndefined();
    expect(nextDeadline(undefined, task({ ttl: 1, status: "failed" }), 500, false, 0)).toBeUndefined();
  });

  test("armed when missing, when leaving paused, or when a ttl is given; kept otherwise", () => {
    const running = task({ ttl: 10 });
    expect(nextDeadline(undefined, running, undefined, false, 100)).toBe(10_100);
    expect(nextDeadline(task({ ttl: 10, status: "pending" }), running, 10_000, false, 100)).toBe(10_000);
    expect(nextDeadline(task({ ttl: 10, status: "paused" }), running, 10_000, false, 100)).toBe(10_100);
    expect(nextDeadline(task({ ttl: 10 }), task({ ttl: 20, status: "blocked" }), 10_000, true, 100)).toBe(
      20_100,
    );
  });
});

describe("TTL timeouts through the engine", () => {
  test("a pending task past its ttl becomes timeout on the next tick", async () => {
    const { engine, clock } = setup();
    const created = unwrap(await engine.createTask({ ttl: 30 }));
    expect(engine.ttlDeadline(created.id)).toBe(clock.now() + 30_000);
    clock.advance(29_999);
    expect((await engine.tick()).timedOut).toEqual([]);
    clock.advance(1);
    expect((await engine.tick()).timedOut).toEqual([created.id]);
    const timedOut = await engine.getTask(created.id);
    expect(timedOut).toMatchObject({ status: "timeout", completedAt: clock.now() });
    const last = unwrap(await engine.getHistory(created.id)).at(-1);
    expect(last).toMatchObject({ type: "taskcast:status", data: { status: "timeout" } });
    expect(engine.ttlDeadline(created.id)).toBeUndefined();
    expect((await engine.tick()).timedOut).toEqual([]);
  });

  test("the clock keeps running across transitions but stops while paused", async () => {
    const { engine, clock } = setup();
    const created = unwrap(await engine.createTask({ ttl: 10 }));
    clock.advance(5_000);
    unwrap(await engine.transition(created.id, "running"));
    expect(engine.ttlDeadline(created.id)).toBe(clock.now() + 5_000);
    unwrap(await engine.transition(created.id, "paused"));
    clock.advance(60_000);
    expect((await engine.tick()).timedOut).toEqual([]);
    unwrap(await engine.transition(created.id, "running"));
    expect(engine.ttlDeadline(created.id)).toBe(clock.now() + 10_000);
  });

  test("a transition payload ttl restarts the clock with the new ttl", async () => {
    const { engine, clock } = setup();
    const created = unwrap(await engine.createTask({ ttl: 10 }));
    clock.advance(9_000);
    const running = unwrap(await engine.transition(created.id, "running", { ttl: 60 }));
    expect(running.ttl).toBe(60);
    expect(engine.ttlDeadline(created.id)).toBe(clock.now() + 60_000);
  });

  test("finishing before the deadline cancels it", async () => {
    const { engine, clock } = setup();
    const created = unwrap(await engine.createTask({ ttl: 1 }));
    unwrap(await engine.transition(created.id, "cancelled"));
    clock.advance(5_000);
    expect((await engine.tick()).timedOut).toEqual([]);
    expect((await engine.getTask(created.id))?.status).toBe("cancelled");
  });

  test("ttl: ignore stores the ttl but never times out (the original memory mode)", async () => {
    const { engine, clock } = setup({ ttl: "ignore" });
    const created = unwrap(await engine.createTask({ ttl: 1 }));
    clock.advance(60_000);
    expect((await engine.tick()).timedOut).toEqual([]);
    expect(await engine.getTask(created.id)).toMatchObject({ status: "pending", ttl: 1 });
  });

  test("a deadline for a task another instance finished is dropped quietly", async () => {
    const { engine, clock, shortTerm, broadcast } = setup();
    const other = new TaskcastEngine({ shortTerm, broadcast, clock });
    const created = unwrap(await engine.createTask({ ttl: 1 }));
    unwrap(await other.transition(created.id, "cancelled"));
    clock.advance(1_000);
    expect((await engine.tick()).timedOut).toEqual([]);
    expect(engine.ttlDeadline(created.id)).toBeUndefined();
    expect((await engine.getTask(created.id))?.status).toBe("cancelled");
  });
});
