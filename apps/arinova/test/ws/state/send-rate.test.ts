/** SendRate: `limit` messages per user per epoch minute. */
import { expect, test } from "bun:test";
import { MemorySendRate, RedisSendRate, type SendRate } from "../../../src/realtime/send-rate.ts";
import { contract, id } from "./contract.ts";

// A clock the tests move; each run starts it mid-minute so no boundary is crossed by accident.
let now = 0;
const clock = () => now;

contract<SendRate>(
  "SendRate",
  { memory: () => new MemorySendRate(3, clock), redis: (client) => new RedisSendRate(client, 3, clock) },
  (make) => {
    test("the limit holds per user within a minute and starts over in the next", async () => {
      now = Math.floor(Date.now() / 60_000) * 60_000 + 10_000;
      const rate = make();
      const [user, other] = [id(), id()];
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await rate.allow(user));
      expect(answers).toEqual([true, true, true, false]);
      expect(await rate.allow(other)).toBe(true);
      now += 20_000;
      expect(await rate.allow(user)).toBe(false);
      now += 60_000;
      expect(await rate.allow(user)).toBe(true);
    });
  },
);
