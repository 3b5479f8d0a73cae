import { afterEach, expect, test } from "bun:test";
import type { Bus } from "../src/bus.ts";
import type { HandlerErrorReporter } from "../src/delivery.ts";
import { Inbox } from "./helpers.ts";

/** Two handles on one shared bus: for Redis two instances (two nodes), for memory the same one. */
export interface BusPair {
  readonly a: Bus;
  readonly b: Bus;
  close(): Promise<void>;
}

export type BusPairFactory = (onHandlerError: HandlerErrorReporter) => BusPair;

/** The behaviour every Bus implementation promises; call inside a `describe`. */
export function busContract(makePair: BusPairFactory): void {
  let pair: BusPair | undefined;
  const handlerErrors: unknown[] = [];
  const open = (): BusPair => {
    pair = makePair((error) => handlerErrors.push(error));
    return pair;
  };

  afterEach(async () => {
    await pair?.close();
    pair = undefined;
    handlerErrors.length = 0;
  });

  test("delivers a message with its topic to a subscriber on the other node", async () => {
    const { a, b } = open();
    const inbox = new Inbox();
    await b.subscribe("room:1", inbox.handler);
    await a.publish("room:1", "héllo ✓");
    await inbox.received(1);
    expect(inbox.messages).toEqual([{ topic: "room:1", message: "héllo ✓" }]);
  });

  test("delivers only to subscribers of the topic", async () => {
    const { a, b } = open();
    const one = new Inbox();
    const two = new Inbox();
    await b.subscribe("t1", one.handler);
    await b.subscribe("t2", two.handler);
    await a.publish("t2", "for two");
    await a.publish("t1", "for one");
    await one.received(1);
    await two.received(1);
    // Same publisher, same subscriber connection: anything misrouted would have arrived by now.
    expect(one.bodies).toEqual(["for one"]);
    expect(two.bodies).toEqual(["for two"]);
  });

  test("keeps publish order and delivers to every subscription once", async () => {
    const { a, b } = open();
    const first = new Inbox();
    const second = new Inbox();
    await b.subscribe("t", first.handler);
    await b.subscribe("t", second.handler);
    await b.subscribe("t", second.handler);
    const sent = Array.from({ length: 50 }, (_, i) => `m${i}`);
    await Promise.all(sent.map((message) => a.publish("t", message)));
    await first.received(50);
    await second.received(100);
    expect(first.bodies).toEqual(sent);
    expect(second.bodies.filter((_, i) => i % 2 === 0)).toEqual(sent);
  });

  test("unsubscribe stops delivery, is idempotent and leaves other subscribers alone", async () => {
    const { a, b } = open();
    const leaving = new Inbox();
    const staying = new Inbox();
    const unsubscribe = await b.subscribe("t", leaving.handler);
    await b.subscribe("t", staying.handler);
    await a.publish("t", "before");
    await staying.received(1);
    await unsubscribe();
    await unsubscribe();
    await a.publish("t", "after");
    await staying.received(2);
    expect(leaving.bodies).toEqual(["before"]);
    expect(staying.bodies).toEqual(["before", "after"]);
  });

  test("re-subscribing right after the last unsubscribe still delivers", async () => {
    const { a, b } = open();
    const inbox = new Inbox();
    const unsubscribe = await b.subscribe("t", inbox.handler);
    const leaving = unsubscribe();
    const again = b.subscribe("t", inbox.handler);
    await leaving;
    await again;
    await a.publish("t", "still here");
    await inbox.received(1);
    expect(inbox.bodies).toEqual(["still here"]);
  });

  test("a throwing handler does not stop the others", async () => {
    const { a, b } = open();
    const inbox = new Inbox();
    await b.subscribe("t", () => {
      throw new Error("boom");
    });
    await b.subscribe("t", inbox.handler);
    await a.publish("t", "one");
    await a.publish("t", "two");
    await inbox.received(2);
    expect(inbox.bodies).toEqual(["one", "two"]);
    expect(handlerErrors).toHaveLength(2);
  });

  test("publish and subscribe reject after close", async () => {
    const { a } = open();
    await a.close();
    await expect(a.publish("t", "x")).rejects.toThrow(/closed/);
    await expect(a.subscribe("t", () => {})).rejects.toThrow(/closed/);
  });
}
