/** PushDedup: one push per key per window. */
import { expect, test } from "bun:test";
import { MemoryPushDedup, type PushDedup, RedisPushDedup } from "../../../src/push/dedup.ts";
import { contract, id } from "./contract.ts";

contract<PushDedup>(
  "PushDedup",
  { memory: () => new MemoryPushDedup(), redis: (client) => new RedisPushDedup(client) },
  (make) => {
    test("the first claim in a window wins, others lose until it ends; keys are independent", async () => {
      const dedup = make();
      const [key, other] = [`${id()}:message`, `${id()}:message`];
      expect(await dedup.claim(key, 300)).toBe(true);
      expect(await dedup.claim(key, 300)).toBe(false);
      expect(await dedup.claim(other, 300)).toBe(true);
      await Bun.sleep(400);
      expect(await dedup.claim(key, 300)).toBe(true);
    });
  },
);
