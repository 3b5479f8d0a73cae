import type { BusHandler } from "../src/bus.ts";

/** Records deliveries and lets a test await the n-th one without sleeping a guessed amount. */
export class Inbox {
  readonly messages: Array<{ topic: string; message: string }> = [];
  #waiters: Array<{ count: number; resolve: () => void }> = [];

  readonly handler: BusHandler = (message, topic) => {
    this.messages.push({ topic, message });
    this.#waiters = this.#waiters.filter((waiter) => {
      if (this.messages.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  get bodies(): string[] {
    return this.messages.map((entry) => entry.message);
  }

  /** Resolves once `count` messages in total have arrived; rejects after `timeoutMs`. */
  received(count: number, timeoutMs = 2000): Promise<void> {
    if (this.messages.length >= count) return Promise.resolve();
    return withTimeout(
      new Promise<void>((resolve) => this.#waiters.push({ count, resolve })),
      timeoutMs,
      `expected ${count} messages, got ${this.messages.length}`,
    );
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Polls `check` until it returns true; for state we cannot subscribe to (server counters, Redis). */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await Bun.sleep(10);
  }
}
