import { describe, expect, test } from "bun:test";
import { serviceUrl } from "@rt/testkit";
import { createRedisAdapters, type RedisAdapters } from "../../src/storage/redis/index.ts";
import { draft, makeTask } from "./contract/fixtures.ts";
import { runBroadcastContract, runShortTermContract } from "./contract.ts";
import { deleteByPrefix, openRedis } from "./redis-fixture.ts";

const url = await serviceUrl("TEST_REDIS_URL");

async function fixture<K extends "shortTerm" | "broadcast">(key: K) {
  if (!url) throw new Error("no Redis");
  const adapters = await openRedis(url);
  return { store: adapters[key], dispose: adapters.dispose };
}

runShortTermContract("redis", () => fixture("shortTerm"), { skip: !url });
runBroadcastContract("redis", () => fixture("broadcast"), { skip: !url });

describe.skipIf(!url)("redis adapter", () => {
  const open = () => openRedis(url ?? "");
  /** A second "server": its own connections on the same key space. */
  const sameKeySpace = (adapters: RedisAdapters) =>
    createRedisAdapters({ url: url ?? "", prefix: adapters.keys.prefix });

  test("20 concurrent terminal transitions from two servers: exactly one wins", async () => {
    const a = await open();
    const other = await sameKeySpace(a);
    try {
      const task = makeTask();
      await a.shortTerm.createTask(task);
      const loaded = await a.shortTerm.loadTask(task.id);
      if (!loaded) throw new Error("task not loaded");
      const stores = [a.shortTerm, other.shortTerm];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          stores[i % 2]!.commitTransition({
            taskId: task.id,
            expectedRevision: loaded.revision,
            task: { ...task, status: "completed", completedAt: i, result: { winner: i } },
            events: [draft({ type: "taskcast:status", data: { status: "completed" } })],
          }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await a.shortTerm.getEvents(task.id)).toHaveLength(1);
    } finally {
      await other.close();
      await a.dispose();
    }
  });

  test("200 concurrent publishes from two connections: unique, strictly increasing in list order", async () => {
    const a = await open();
    const other = await sameKeySpace(a);
    try {
      const task = makeTask();
      await a.shortTerm.createTask(task);
      const stores = [a.shortTerm, other.shortTerm];
      await Promise.all(Array.from({ length: 200 }, (_, i) => stores[i % 2]!.appendEvent(task.id, draft())));
      const indexes = (await a.shortTerm.getEvents(task.id)).map((e) => e.index);
      expect(indexes).toEqual(Array.from({ length: 200 }, (_, i) => i));
    } finally {
      await other.close();
      await a.dispose();
    }
  });

  test("the data outlives the connection: write, close, reconnect, read back", async () => {
    const a = await open();
    const task = makeTask({ status: "paused", reason: "later", tags: ["x"] });
    await a.shortTerm.createTask(task);
    await a.shortTerm.appendEvent(
      task.id,
      draft({ seriesId: "s", seriesMode: "accumulate", data: { delta: "a" } }),
    );
    await a.close();
    const b = await sameKeySpace(a);
    try {
      expect(await b.shortTerm.getTask(task.id)).toEqual(task);
      expect(await b.shortTerm.getEvents(task.id)).toHaveLength(1);
      expect((await b.shortTerm.getSeriesLatest(task.id))[0]?.data).toEqual({ delta: "a" });
    } finally {
      await deleteByPrefix(b.command, a.keys.prefix);
      await b.close();
    }
  });
});
