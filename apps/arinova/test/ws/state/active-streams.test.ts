/** ActiveStreams: one turn per conversation, a FIFO behind it, atomic hand-over, TTLs. */
import { expect, test } from "bun:test";
import {
  type ActiveStreams,
  MemoryActiveStreams,
  RedisActiveStreams,
  type TurnRequest,
} from "../../../src/realtime/active-streams.ts";
import { contract, id } from "./contract.ts";

const ttl = { activeMs: 400, queueMs: 400 };
const request = (conversationId: string, content: string, agentId?: string): TurnRequest =>
  agentId === undefined
    ? { userId: "u1", conversationId, content }
    : { userId: "u1", conversationId, content, agentId };

contract<ActiveStreams>(
  "ActiveStreams",
  { memory: () => new MemoryActiveStreams(ttl), redis: (client) => new RedisActiveStreams(client, ttl) },
  (make) => {
    test("the first request claims the conversation, later ones queue; FIFO hand-over on finish", async () => {
      const streams = make();
      const conversation = id();
      const claim = await streams.claimOrQueue(request(conversation, "one"));
      // (Not toMatchObject: Bun's writes its asymmetric matchers into the received object.)
      expect(claim?.userId).toBe("u1");
      expect(typeof claim?.turn).toBe("string");
      expect(typeof claim?.since).toBe("number");
      expect(await streams.claimOrQueue(request(conversation, "two"))).toBeNull();
      expect(await streams.claimOrQueue(request(conversation, "three", "agent-b"))).toBeNull();
      expect(await streams.get(conversation)).toEqual(claim);

      const second = await streams.finish(conversation, claim!.turn);
      expect(second?.request).toEqual(request(conversation, "two"));
      expect(second?.claim.turn).not.toBe(claim!.turn);
      expect(await streams.get(conversation)).toEqual(second!.claim);
      const third = await streams.finish(conversation, second!.claim.turn);
      expect(third?.request).toEqual(request(conversation, "three", "agent-b"));
      expect(await streams.finish(conversation, third!.claim.turn)).toBeNull();
      expect(await streams.get(conversation)).toBeNull();
      // Idle again: the next request claims at once.
      expect(await streams.claimOrQueue(request(conversation, "four"))).not.toBeNull();
    });

    test("a stale turn can neither update nor finish the conversation", async () => {
      const streams = make();
      const conversation = id();
      const claim = (await streams.claimOrQueue(request(conversation, "one")))!;
      await streams.claimOrQueue(request(conversation, "queued"));
      await streams.update(conversation, { ...claim, turn: "someone-else", messageId: "m" });
      expect(await streams.get(conversation)).toEqual(claim);
      expect(await streams.finish(conversation, "someone-else")).toBeNull();
      await streams.update(conversation, { ...claim, messageId: "m1", seq: 2, agentId: "a", owner: "i" });
      expect(await streams.get(conversation)).toEqual({
        ...claim,
        messageId: "m1",
        seq: 2,
        agentId: "a",
        owner: "i",
      });
      expect((await streams.finish(conversation, claim.turn))?.request.content).toBe("queued");
    });

    test("tryClaim claims only an idle conversation and never queues", async () => {
      const streams = make();
      const conversation = id();
      const claim = await streams.tryClaim(request(conversation, "one"));
      expect(claim?.userId).toBe("u1");
      expect(await streams.get(conversation)).toEqual(claim);
      expect(await streams.tryClaim(request(conversation, "two"))).toBeNull();
      expect(await streams.claimOrQueue(request(conversation, "three"))).toBeNull();
      // Only claimOrQueue's request waits: "two" was not queued.
      const next = await streams.finish(conversation, claim!.turn);
      expect(next?.request.content).toBe("three");
      expect(await streams.finish(conversation, next!.claim.turn)).toBeNull();
      expect(await streams.tryClaim(request(conversation, "four"))).not.toBeNull();
    });

    test("conversations are independent", async () => {
      const streams = make();
      const [a, b] = [id(), id()];
      expect(await streams.claimOrQueue(request(a, "x"))).not.toBeNull();
      expect(await streams.claimOrQueue(request(b, "y"))).not.toBeNull();
      expect(await streams.get(id())).toBeNull();
    });

    test("an untouched claim expires; touch and update keep it alive", async () => {
      const streams = make();
      const [kept, dropped] = [id(), id()];
      const claim = (await streams.claimOrQueue(request(kept, "k")))!;
      await streams.claimOrQueue(request(dropped, "d"));
      for (let i = 0; i < 3; i++) {
        await Bun.sleep(200);
        if (i === 1) await streams.update(kept, { ...claim, seq: 1 });
        else await streams.touch(kept);
      }
      expect(await streams.get(kept)).toEqual({ ...claim, seq: 1 });
      expect(await streams.get(dropped)).toBeNull();
      expect(await streams.claimOrQueue(request(dropped, "again"))).not.toBeNull();
    });

    test("a queue nobody adds to expires", async () => {
      const streams = make();
      const conversation = id();
      const claim = (await streams.claimOrQueue(request(conversation, "one")))!;
      await streams.claimOrQueue(request(conversation, "lost"));
      for (let i = 0; i < 3; i++) {
        await Bun.sleep(200);
        await streams.touch(conversation);
      }
      expect(await streams.finish(conversation, claim.turn)).toBeNull();
      expect(await streams.get(conversation)).toBeNull();
    });
  },
);
