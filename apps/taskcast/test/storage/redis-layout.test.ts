/**
 * Redis compatibility with the original (storage.md §3): keys written by hand the way the
 * original writes them are read by our adapters, and what ours write is byte for byte what
 * the original writes and reads. Same for pub/sub channels and messages.
 */
import { describe, expect, test } from "bun:test";
import { serviceUrl } from "@rt/testkit";
import Redis from "ioredis";
import type { BroadcastMessage } from "../../src/core/types.ts";
import { draft, eventually, makeTask, sleep } from "./contract/fixtures.ts";
import { openRedis } from "./redis-fixture.ts";

const url = await serviceUrl("TEST_REDIS_URL");

describe.skipIf(!url)("redis layout", () => {
  test("keys written as the original writes them are read back", async () => {
    const adapters = await openRedis(url ?? "");
    const raw = adapters.command;
    const P = adapters.keys.prefix;
    const id = "orig-task";
    try {
      // The claim script re-encodes the task with cjson: keys reordered, `tags: []` → `{}`.
      await raw.set(
        `${P}:task:${id}`,
        '{"updatedAt":2000,"status":"assigned","tags":{},"id":"orig-task","createdAt":1000,"assignedWorker":"w1","cost":1,"params":{"q":"x"}}',
      );
      await raw.set(`${P}:taskStatus:${id}`, "assigned");
      await raw.sadd(`${P}:tasks`, id);
      await raw.set(
        `${P}:writeFence:${id}`,
        `{"taskId":"${id}","acceptingWrites":true,"storageEpoch":1,"activeReleaseGeneration":null}`,
      );
      const latest = `{"id":"e1","taskId":"${id}","index":1,"timestamp":1001,"type":"progress","level":"info","data":{"pct":10},"seriesId":"p","seriesMode":"latest"}`;
      await raw.rpush(
        `${P}:events:${id}`,
        `{"id":"e0","taskId":"${id}","index":0,"timestamp":1000,"type":"log","level":"info"}`,
        latest,
        `{"index":2,"id":"e2","taskId":"${id}","timestamp":1002,"type":"llm","level":"debug","data":{"delta":"Hel"},"seriesId":"t","seriesMode":"accumulate"}`,
      );
      await raw.set(`${P}:idx:${id}`, "3");
      await raw.hset(`${P}:seriesState:${id}`, "p", latest);
      await raw.hset(
        `${P}:seriesState:${id}`,
        "t",
        `{"index":2,"id":"e2","taskId":"${id}","timestamp":1002,"type":"llm","level":"debug","data":{"delta":"Hel"},"seriesId":"t","seriesMode":"accumulate"}`,
      );
      // A pre-1.6 series, only in the legacy keys.
      await raw.set(
        `${P}:series:${id}:old`,
        `{"id":"e9","taskId":"${id}","index":0,"timestamp":999,"type":"x","level":"info","data":1,"seriesId":"old","seriesMode":"latest"}`,
      );
      await raw.sadd(`${P}:seriesIds:${id}`, "old");

      const store = adapters.shortTerm;
      expect(await store.getTask(id)).toEqual({
        id,
        status: "assigned",
        params: { q: "x" },
        tags: [],
        createdAt: 1000,
        updatedAt: 2000,
        assignedWorker: "w1",
        cost: 1,
      });
      expect((await store.listTasks()).map((t) => t.id)).toEqual([id]);
      const events = await store.getEvents(id);
      expect(events.map((e) => [e.id, e.index, e.data])).toEqual([
        ["e0", 0, null],
        ["e1", 1, { pct: 10 }],
        ["e2", 2, { delta: "Hel" }],
      ]);
      expect(Object.keys(events[2] ?? {})).toEqual([
        "id",
        "taskId",
        "index",
        "timestamp",
        "type",
        "level",
        "data",
        "seriesId",
        "seriesMode",
      ]);
      expect((await store.getSeriesLatest(id)).map((e) => e.id).sort()).toEqual(["e1", "e2", "e9"]);

      const replaced = await store.appendEvent(
        id,
        draft({ seriesId: "p", seriesMode: "latest", data: { pct: 90 } }),
      );
      expect(replaced.ok && replaced.event.index).toBe(3);
      const acc = await store.appendEvent(
        id,
        draft({ seriesId: "t", seriesMode: "accumulate", data: { delta: "lo" } }),
      );
      expect(acc.ok && acc.accumulated?.data).toEqual({ delta: "Hello" });
      expect((await store.getEvents(id)).map((e) => e.index)).toEqual([0, 3, 2, 4]);
      expect(await raw.get(`${P}:idx:${id}`)).toBe("5");

      const loaded = await store.loadTask(id);
      expect(loaded?.revision ?? null).toBe(await raw.get(`${P}:task:${id}`));
    } finally {
      await adapters.dispose();
    }
  });

  test("what we write is what the original writes", async () => {
    const adapters = await openRedis(url ?? "");
    const raw = adapters.command;
    const P = adapters.keys.prefix;
    try {
      const task = makeTask({ status: "running", type: "llm.chat", tags: ["a"] });
      const store = adapters.shortTerm;
      await store.createTask(task);
      expect(await raw.get(`${P}:task:${task.id}`)).toBe(JSON.stringify(task));
      expect(await raw.get(`${P}:taskStatus:${task.id}`)).toBe("running");
      expect(await raw.sismember(`${P}:tasks`, task.id)).toBe(1);
      expect(await raw.get(`${P}:writeFence:${task.id}`)).toBe(
        JSON.stringify({
          taskId: task.id,
          acceptingWrites: true,
          storageEpoch: 1,
          activeReleaseGeneration: null,
        }),
      );

      const plain = await store.appendEvent(task.id, draft({ data: { n: 1 } }));
      const first = await store.appendEvent(task.id, draft({ seriesId: "p", seriesMode: "latest", data: 1 }));
      const second = await store.appendEvent(
        task.id,
        draft({ seriesId: "p", seriesMode: "latest", data: 2 }),
      );
      const acc = await store.appendEvent(
        task.id,
        draft({ seriesId: "t", seriesMode: "accumulate", seriesAccField: "text", data: { text: "a" } }),
      );
      if (!plain.ok || !first.ok || !second.ok || !acc.ok) throw new Error("append failed");
      expect(await raw.lrange(`${P}:events:${task.id}`, 0, -1)).toEqual([
        JSON.stringify(plain.event),
        JSON.stringify(second.event),
        JSON.stringify(acc.event),
      ]);
      expect(await raw.get(`${P}:idx:${task.id}`)).toBe("4");
      expect(await raw.hgetall(`${P}:seriesState:${task.id}`)).toEqual({
        p: JSON.stringify(second.event),
        t: JSON.stringify(acc.accumulated),
      });
      expect(await raw.hgetall(`${P}:seriesListEntries:${task.id}`)).toEqual({
        p: JSON.stringify(second.event),
      });

      const loaded = await store.loadTask(task.id);
      if (!loaded) throw new Error("task not loaded");
      const next = { ...task, status: "completed" as const, completedAt: 9, updatedAt: 9 };
      const done = await store.commitTransition({
        taskId: task.id,
        expectedRevision: loaded.revision,
        task: next,
        events: [draft({ type: "taskcast:status", data: { status: "completed" } })],
      });
      if (!done.ok) throw new Error("commit failed");
      expect(await raw.get(`${P}:task:${task.id}`)).toBe(JSON.stringify(next));
      expect(await raw.get(`${P}:taskStatus:${task.id}`)).toBe("completed");
      expect(await raw.lindex(`${P}:events:${task.id}`, -1)).toBe(JSON.stringify(done.events[0]));
    } finally {
      await adapters.dispose();
    }
  });

  test("pub/sub: the original's channels and messages, both ways", async () => {
    const adapters = await openRedis(url ?? "");
    const P = adapters.keys.prefix;
    const listener = new Redis(url ?? "");
    const publisher = new Redis(url ?? "");
    try {
      const seen: Array<[string, string]> = [];
      listener.on("pmessage", (_pattern: string, channel: string, message: string) =>
        seen.push([channel, message]),
      );
      await listener.psubscribe(`${P}:task:*`);

      const taskId = "t-pubsub";
      const message: BroadcastMessage = {
        id: "e1",
        taskId,
        index: 4,
        timestamp: 5,
        type: "llm",
        level: "info",
        data: { delta: "b" },
        seriesId: "s",
        seriesMode: "accumulate",
        _accumulatedData: { delta: "ab" },
      };
      await adapters.broadcast.publish(taskId, message);
      await eventually(() => expect(seen).toEqual([[`${P}:task:${taskId}`, JSON.stringify(message)]]));

      const received: BroadcastMessage[] = [];
      await adapters.broadcast.subscribe(taskId, (m) => received.push(m));
      await publisher.publish(`${P}:task:${taskId}`, "not json");
      await publisher.publish(`${P}:task:${taskId}`, JSON.stringify(message));
      await eventually(() => expect(received).toEqual([message]));
      await sleep(20);
      expect(received).toHaveLength(1);
    } finally {
      listener.disconnect();
      publisher.disconnect();
      await adapters.dispose();
    }
  });
});
