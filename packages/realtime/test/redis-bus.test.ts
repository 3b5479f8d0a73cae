import { afterEach, describe, expect, test } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";
import { RedisBus } from "../src/redis-bus.ts";
import { busContract } from "./bus-contract.ts";
import { eventually, Inbox } from "./helpers.ts";

const url = await serviceUrl("TEST_REDIS_URL");

describe.skipIf(!url)("RedisBus", () => {
  const redisUrl = url ?? "";
  const open: Array<{ close(): Promise<unknown> }> = [];
  const track = <T extends { close(): Promise<unknown> }>(resource: T): T => {
    open.push(resource);
    return resource;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((resource) => resource.close()));
  });

  const admin = () => {
    const connection = new Redis(redisUrl, { lazyConnect: false });
    track({ close: () => connection.quit() });
    return connection;
  };
  // Kills only this test's connection: CLIENT KILL TYPE pubsub would hit other suites sharing Redis.
  const killConnection = async (connection: Redis, name: string): Promise<void> => {
    const clients = String(await connection.call("CLIENT", "LIST")).split("\n");
    const id = clients.find((line) => line.includes(` name=${name} `))?.match(/\bid=(\d+)/)?.[1];
    if (!id) throw new Error(`no Redis client named ${name}`);
    await connection.call("CLIENT", "KILL", "ID", id);
  };
  const subscriberCount = async (connection: Redis, channel: string): Promise<number> => {
    const reply = (await connection.call("PUBSUB", "NUMSUB", channel)) as [string, number];
    return Number(reply[1]);
  };

  /** Two nodes on a fresh prefix, `b` subscribed to "t" and one message already through. */
  const deliveringPair = async () => {
    const prefix = `${uniqueName("rt")}:`;
    const a = track(new RedisBus({ url: redisUrl, prefix }));
    const b = track(new RedisBus({ url: redisUrl, prefix }));
    const inbox = new Inbox();
    await b.subscribe("t", inbox.handler);
    await a.publish("t", "warm-up");
    await inbox.received(1);
    return { prefix, a, redis: admin(), inbox };
  };

  describe("contract", () => {
    busContract((onHandlerError) => {
      const prefix = `${uniqueName("rt")}:`;
      const a = new RedisBus({ url: redisUrl, prefix, onHandlerError });
      const b = new RedisBus({ url: redisUrl, prefix, onHandlerError });
      return { a, b, close: () => Promise.all([a.close(), b.close()]).then(() => undefined) };
    });
  });

  test("uses one SUBSCRIBE per channel and UNSUBSCRIBEs when the last local handler leaves", async () => {
    const prefix = `${uniqueName("rt")}:`;
    const bus = track(new RedisBus({ url: redisUrl, prefix }));
    const redis = admin();
    const first = await bus.subscribe("t", () => {});
    const second = await bus.subscribe("t", () => {});
    await bus.subscribe("other", () => {});
    expect(await subscriberCount(redis, `${prefix}t`)).toBe(1);
    const clients = String(await redis.call("CLIENT", "LIST")).split("\n");
    expect(clients.filter((line) => line.includes(`name=${prefix}rt-bus-sub`))).toHaveLength(1);
    await first();
    expect(await subscriberCount(redis, `${prefix}t`)).toBe(1);
    await second();
    expect(await subscriberCount(redis, `${prefix}t`)).toBe(0);
  });

  test("re-subscribes after its subscriber connection is killed", async () => {
    const { prefix, a, redis, inbox } = await deliveringPair();

    await killConnection(redis, `${prefix}rt-bus-sub`);
    expect(await subscriberCount(redis, `${prefix}t`)).toBe(0);
    await eventually(async () => (await subscriberCount(redis, `${prefix}t`)) === 1, "re-subscribe");
    await a.publish("t", "after");
    await inbox.received(2);
    expect(inbox.bodies).toEqual(["warm-up", "after"]);
  });

  test("a publish while the publisher is disconnected is delivered after reconnect or rejects", async () => {
    const { prefix, a, redis, inbox } = await deliveringPair();

    await killConnection(redis, `${prefix}rt-bus-pub`);
    // Keep publishing across the whole disconnect/reconnect window, both before and after the
    // client has noticed the connection is gone.
    const attempts: Array<Promise<boolean>> = [];
    for (let i = 0; i < 60; i++) {
      // Settled right away so a rejection is an outcome, not an unhandled error.
      attempts.push(
        a.publish("t", `during-${i}`).then(
          () => true,
          () => false,
        ),
      );
      await Bun.sleep(2);
    }
    const outcomes = await Promise.all(attempts);
    const accepted = outcomes.flatMap((ok, i) => (ok ? [`during-${i}`] : []));
    await a.publish("t", "after");
    await inbox.received(2 + accepted.length);
    // Every publish that resolved was delivered; a rejected one is the only allowed way to lose.
    for (const message of accepted) expect(inbox.bodies).toContain(message);
    expect(inbox.bodies.at(-1)).toBe("after");
  });

  test("rejects a publish within the timeout when Redis cannot be reached", async () => {
    const bus = track(new RedisBus({ url: "redis://127.0.0.1:1", publishTimeoutMs: 300 }));
    const started = Date.now();
    await expect(bus.publish("t", "lost")).rejects.toThrow(/unavailable/);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});
