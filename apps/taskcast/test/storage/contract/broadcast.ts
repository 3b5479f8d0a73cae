/** Contract every BroadcastProvider adapter must pass (memory, Redis pub/sub). */
import { describe, expect, test } from "bun:test";
import type { BroadcastMessage } from "../../../src/core/types.ts";
import type { BroadcastProvider } from "../../../src/storage/ports.ts";
import {
  type ContractOptions,
  eventually,
  type FixtureFactory,
  makeEvent,
  sleep,
  uniqueTaskId,
  useFixture,
} from "./fixtures.ts";

export function runBroadcastContract(
  name: string,
  factory: FixtureFactory<BroadcastProvider>,
  options: ContractOptions = {},
): void {
  describe.skipIf(options.skip === true)(`BroadcastProvider contract: ${name}`, () => {
    const open = useFixture(factory);

    test("delivers to every subscriber of the task, in publish order, and only them", async () => {
      const broadcast = await open();
      const taskId = uniqueTaskId();
      const first: BroadcastMessage[] = [];
      const second: BroadcastMessage[] = [];
      const other: BroadcastMessage[] = [];
      await broadcast.subscribe(taskId, (m) => first.push(m));
      await broadcast.subscribe(taskId, (m) => second.push(m));
      await broadcast.subscribe(uniqueTaskId(), (m) => other.push(m));
      const events = [0, 1, 2].map((i) => makeEvent(taskId, i));
      for (const event of events) await broadcast.publish(taskId, event);
      await eventually(() => expect(first).toEqual(events));
      await eventually(() => expect(second).toEqual(events));
      await sleep(20);
      expect(other).toEqual([]);
    });

    test("carries _accumulatedData and null data unchanged", async () => {
      const broadcast = await open();
      const taskId = uniqueTaskId();
      const received: BroadcastMessage[] = [];
      await broadcast.subscribe(taskId, (m) => received.push(m));
      const message: BroadcastMessage = {
        ...makeEvent(taskId, 0, { seriesId: "s", seriesMode: "accumulate", data: null }),
        _accumulatedData: { delta: "abc" },
      };
      await broadcast.publish(taskId, message);
      await eventually(() => expect(received).toEqual([message]));
    });

    test("unsubscribe stops delivery; publishing without subscribers is fine", async () => {
      const broadcast = await open();
      const taskId = uniqueTaskId();
      const received: BroadcastMessage[] = [];
      const unsubscribe = await broadcast.subscribe(taskId, (m) => received.push(m));
      await broadcast.publish(taskId, makeEvent(taskId, 0));
      await eventually(() => expect(received).toHaveLength(1));
      await unsubscribe();
      await broadcast.publish(taskId, makeEvent(taskId, 1));
      await broadcast.publish(uniqueTaskId(), makeEvent(taskId, 2));
      await sleep(20);
      expect(received).toHaveLength(1);
    });

    test("a throwing subscriber does not affect the others", async () => {
      const broadcast = await open();
      const taskId = uniqueTaskId();
      const received: BroadcastMessage[] = [];
      await broadcast.subscribe(taskId, () => {
        throw new Error("subscriber bug");
      });
      await broadcast.subscribe(taskId, (m) => received.push(m));
      await broadcast.publish(taskId, makeEvent(taskId, 0));
      await eventually(() => expect(received).toHaveLength(1));
    });
  });
}
