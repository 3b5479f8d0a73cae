/** OfflineQueue: ordered, not collapsing equal events, bounded, drained atomically, TTL. */
import { expect, test } from "bun:test";
import {
  MemoryOfflineQueue,
  type OfflineQueue,
  RedisOfflineQueue,
} from "../../../src/realtime/offline-queue.ts";
import { contract, id } from "./contract.ts";

const bounds = { limit: 5, ttlMs: 400 };

contract<OfflineQueue>(
  "OfflineQueue",
  { memory: () => new MemoryOfflineQueue(bounds), redis: (client) => new RedisOfflineQueue(client, bounds) },
  (make) => {
    test("events come back in order, equal ones kept, and the queue is empty afterwards", async () => {
      const queue = make();
      const [user, other] = [id(), id()];
      for (const event of ['{"n":1}', '{"n":2}', '{"n":1}']) await queue.push(user, event);
      await queue.push(other, '{"n":9}');
      expect(await queue.drain(user)).toEqual(['{"n":1}', '{"n":2}', '{"n":1}']);
      expect(await queue.drain(user)).toEqual([]);
      expect(await queue.drain(other)).toEqual(['{"n":9}']);
    });

    test("only the newest `limit` events are kept", async () => {
      const queue = make();
      const user = id();
      for (let i = 1; i <= 8; i++) await queue.push(user, `e${i}`);
      expect(await queue.drain(user)).toEqual(["e4", "e5", "e6", "e7", "e8"]);
    });

    test("a queue expires after the TTL without new events; each push renews it", async () => {
      const queue = make();
      const [renewed, expired] = [id(), id()];
      await queue.push(expired, "old");
      await queue.push(renewed, "a");
      await Bun.sleep(250);
      await queue.push(renewed, "b");
      await Bun.sleep(250);
      expect(await queue.drain(expired)).toEqual([]);
      expect(await queue.drain(renewed)).toEqual(["a", "b"]);
    });
  },
);
