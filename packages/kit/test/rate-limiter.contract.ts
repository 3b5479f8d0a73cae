import { expect, test } from "bun:test";
import type { RateLimiter } from "../src/index.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour every RateLimiter must share; `limiter()` is called per test after setup. */
export function rateLimiterContract(limiter: () => RateLimiter): void {
  test("allows up to the limit, counting remaining down, then refuses", async () => {
    const rl = limiter();
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await rl.hit("a", 3, 10_000));
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    const refused = results[3]!;
    expect(refused.resetMs).toBeGreaterThan(9_000);
    expect(refused.resetMs).toBeLessThanOrEqual(10_000);
  });

  test("keys are independent", async () => {
    const rl = limiter();
    expect((await rl.hit("k1", 1, 10_000)).allowed).toBe(true);
    expect((await rl.hit("k1", 1, 10_000)).allowed).toBe(false);
    expect((await rl.hit("k2", 1, 10_000)).allowed).toBe(true);
  });

  test("the window slides: a slot frees when the oldest hit ages out, not all at once", async () => {
    const rl = limiter();
    expect((await rl.hit("s", 2, 300)).allowed).toBe(true);
    await sleep(150);
    expect((await rl.hit("s", 2, 300)).allowed).toBe(true);
    const refused = await rl.hit("s", 2, 300);
    expect(refused.allowed).toBe(false);
    expect(refused.resetMs).toBeGreaterThan(0);
    expect(refused.resetMs).toBeLessThanOrEqual(155);
    await sleep(refused.resetMs + 25);
    const again = await rl.hit("s", 2, 300);
    expect(again).toMatchObject({ allowed: true, remaining: 0 });
    // The second hit is still inside the window.
    expect((await rl.hit("s", 2, 300)).allowed).toBe(false);
  });

  test("refused hits are not counted", async () => {
    const rl = limiter();
    expect((await rl.hit("r", 1, 200)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect((await rl.hit("r", 1, 200)).allowed).toBe(false);
    await sleep(230);
    expect((await rl.hit("r", 1, 200)).allowed).toBe(true);
  });

  test("concurrent hits never exceed the limit", async () => {
    const rl = limiter();
    const results = await Promise.all(Array.from({ length: 20 }, () => rl.hit("c", 5, 10_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  test("a zero limit refuses everything", async () => {
    const rl = limiter();
    expect(await rl.hit("z", 0, 1000)).toMatchObject({ allowed: false, remaining: 0 });
  });
}
