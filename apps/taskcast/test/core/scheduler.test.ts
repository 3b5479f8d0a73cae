import { describe, expect, test } from "bun:test";
import { type IntervalTimer, startScheduler } from "../../src/core/engine/scheduler.ts";
import { KeyedSerialQueue } from "../../src/core/engine/serial-queue.ts";

describe("startScheduler", () => {
  test("ticks on the timer, never overlapping a slow pass, at least every 100 ms", async () => {
    let fire: () => void = () => {};
    let period = 0;
    let stopped = false;
    const timer: IntervalTimer = (callback, ms) => {
      fire = callback;
      period = ms;
      return () => {
        stopped = true;
      };
    };
    let runs = 0;
    let release: () => void = () => {};
    const stop = startScheduler(
      () => {
        runs += 1;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      { timer, intervalMs: 10 },
    );
    expect(period).toBe(100);
    fire();
    fire();
    expect(runs).toBe(1);
    release();
    await Promise.resolve();
    await Promise.resolve();
    fire();
    expect(runs).toBe(2);
    stop();
    expect(stopped).toBe(true);
  });
});

describe("KeyedSerialQueue", () => {
  test("runs work for one key in order, survives failures, forgets idle keys", async () => {
    const queue = new KeyedSerialQueue();
    const order: number[] = [];
    const slow = queue.run("a", async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(1);
    });
    const failing = queue.run("a", async () => {
      order.push(2);
      throw new Error("x");
    });
    const after = queue.run("a", async () => order.push(3));
    await Promise.all([slow, failing.catch(() => undefined), after]);
    expect(order).toEqual([1, 2, 3]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(queue.size).toBe(0);
  });
});
