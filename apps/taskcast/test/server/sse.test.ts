/** The per-task SSE stream over real HTTP, read byte for byte (api.md §6). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { SSEEnvelope, TaskEvent } from "../../src/core/types.ts";
import {
  call,
  closeAll,
  createTask,
  eventData,
  openStream,
  publish,
  sdkFrames,
  sleep,
  startServer,
  transition,
} from "./helpers.ts";

let base: string;
beforeAll(async () => {
  base = (await startServer()).base;
});
afterAll(closeAll);

const info = (type: string, data: unknown = null) => ({ type, level: "info", data });

describe("handshake and frames", () => {
  test("headers, and each frame is exactly event/data/id lines with LF endings", async () => {
    const task = await createTask(base);
    const [event] = await publish(base, task.id, info("llm.token", { text: "hi" }));
    if (!event) throw new Error("no event");
    const stream = await openStream(base, `/tasks/${task.id}/events`);
    expect(stream.response.status).toBe(200);
    expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
    expect(stream.response.headers.get("cache-control")).toBe("no-cache");
    expect(stream.response.headers.get("connection")).toBe("keep-alive");
    const text = await stream.frames(1);
    const envelope = {
      filteredIndex: 0,
      rawIndex: 0,
      eventId: event.id,
      taskId: task.id,
      type: "llm.token",
      timestamp: event.timestamp,
      level: "info",
      data: { text: "hi" },
    };
    expect(text).toBe(`event: taskcast.event\ndata: ${JSON.stringify(envelope)}\nid: ${event.id}\n\n`);
    await stream.cancel();
  });

  test("scope before existence: unknown task → 404 JSON, not a stream", async () => {
    const answer = await call(base, "GET", "/tasks/ghost/events");
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: "Task not found" });
  });

  test("terminal task: history, then one done frame (no id line), then the stream ends", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    await publish(base, task.id, info("work"));
    await transition(base, task.id, "completed", { result: { ok: true } });
    const stream = await openStream(base, `/tasks/${task.id}/events`);
    const text = await stream.toEnd();
    expect(stream.ended).toBe(true);
    const frames = sdkFrames(text);
    expect(frames.map((f) => f.event)).toEqual([
      "taskcast.event",
      "taskcast.event",
      "taskcast.event",
      "taskcast.done",
    ]);
    expect(text.endsWith('event: taskcast.done\ndata: {"reason":"completed"}\n\n')).toBe(true);
    expect(eventData<SSEEnvelope>(text).map((e) => e.type)).toEqual([
      "taskcast:status",
      "work",
      "taskcast:status",
    ]);
  });

  test("replay then live, numbering continues; a pending task streams at once; no heartbeat", async () => {
    const task = await createTask(base);
    await publish(base, task.id, info("one"));
    const stream = await openStream(base, `/tasks/${task.id}/events`);
    await stream.frames(1);
    await sleep(150);
    expect(stream.text.split("\n\n").length - 1).toBe(1);
    expect(stream.text).not.toMatch(/^:/m);
    await publish(base, task.id, info("two"));
    await transition(base, task.id, "running");
    await transition(base, task.id, "failed", { error: { message: "x" } });
    const text = await stream.toEnd();
    const envelopes = eventData<SSEEnvelope>(text);
    expect(envelopes.map((e) => [e.type, e.filteredIndex, e.rawIndex])).toEqual([
      ["one", 0, 0],
      ["two", 1, 1],
      ["taskcast:status", 2, 2],
      ["taskcast:status", 3, 3],
    ]);
    expect(sdkFrames(text).at(-1)).toEqual({ event: "taskcast.done", data: { reason: "failed" } });
  });

  test("subscriberCount and hot follow open streams", async () => {
    const task = await createTask(base);
    // Bun sends the response head with the first frame, so the fetch resolves at the first event.
    const opening = openStream(base, `/tasks/${task.id}/events`);
    await sleep(30);
    expect((await call(base, "GET", `/tasks/${task.id}`)).body).toMatchObject({
      hot: true,
      subscriberCount: 1,
    });
    await publish(base, task.id, info("wake"));
    const stream = await opening;
    await stream.frames(1);
    await stream.cancel();
    await sleep(50);
    expect((await call(base, "GET", `/tasks/${task.id}`)).body).toMatchObject({
      hot: false,
      subscriberCount: 0,
    });
  });
});

describe("query parameters", () => {
  const seed = async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    const events = await publish(base, task.id, [
      { type: "llm.delta.chunk", level: "info", data: 1 },
      { type: "llm", level: "debug", data: 2 },
      { type: "tool.call", level: "warn", data: 3 },
      { type: "llm.delta.chunk", level: "error", data: 4 },
    ]);
    await transition(base, task.id, "completed");
    return { task, events };
  };
  const replay = async (id: string, query: string) =>
    (await openStream(base, `/tasks/${id}/events?${query}`)).toEnd();

  test("types with prefix wildcard, levels, includeStatus=false; done still sent", async () => {
    const { task } = await seed();
    const types = eventData<SSEEnvelope>(await replay(task.id, "types=llm.*"));
    expect(types.map((e) => [e.data, e.filteredIndex])).toEqual([
      [1, 0],
      [4, 1],
    ]);
    const levels = eventData<SSEEnvelope>(await replay(task.id, "levels=warn,error"));
    expect(levels.map((e) => e.data)).toEqual([3, 4]);
    const noStatus = await replay(task.id, "includeStatus=false");
    expect(eventData<SSEEnvelope>(noStatus).map((e) => e.type)).not.toContain("taskcast:status");
    expect(sdkFrames(noStatus).at(-1)?.event).toBe("taskcast.done");
    const nothing = await replay(task.id, "types=");
    expect(eventData(nothing)).toEqual([]);
    expect(sdkFrames(nothing).map((f) => f.event)).toEqual(["taskcast.done"]);
    expect(eventData(await replay(task.id, "types=taskcast:*"))).toEqual([]);
  });

  test("since.id, since.index (filtered), since.timestamp, limit", async () => {
    const { task, events } = await seed();
    const afterSecond = eventData<SSEEnvelope>(await replay(task.id, `since.id=${events[1]?.id}`));
    // Numbering restarts after the cursor.
    expect(afterSecond.map((e) => [e.rawIndex, e.filteredIndex])).toEqual([
      [3, 0],
      [4, 1],
      [5, 2],
    ]);
    const byIndex = eventData<SSEEnvelope>(await replay(task.id, "types=llm.*&since.index=0"));
    expect(byIndex.map((e) => [e.data, e.filteredIndex])).toEqual([[4, 1]]);
    const byTime = eventData<SSEEnvelope>(await replay(task.id, "since.timestamp=0"));
    expect(byTime).toHaveLength(6);
    const limited = eventData<SSEEnvelope>(await replay(task.id, "limit=2"));
    expect(limited.map((e) => e.rawIndex)).toEqual([0, 1]);
  });

  test("wrap=false sends the full TaskEvent", async () => {
    const { task, events } = await seed();
    const raw = eventData<TaskEvent>(await replay(task.id, "wrap=false&types=tool.call"));
    expect(raw).toEqual([events[2] as TaskEvent]);
    expect(Object.keys(raw[0] ?? {})).toEqual([
      "id",
      "taskId",
      "index",
      "timestamp",
      "type",
      "level",
      "data",
    ]);
  });
});

describe("series", () => {
  const acc = (delta: string) => ({
    type: "llm.text",
    level: "info",
    seriesId: "answer",
    seriesMode: "accumulate",
    data: { delta },
  });

  test("first connect collapses accumulate series; cursor connects do not", async () => {
    const task = await createTask(base);
    await publish(base, task.id, [acc("Hel"), info("mid"), acc("lo")]);
    const stream = await openStream(base, `/tasks/${task.id}/events`);
    const text = await stream.frames(2);
    const envelopes = eventData<SSEEnvelope>(text);
    expect(envelopes.map((e) => [e.type, e.rawIndex, e.filteredIndex, e.seriesSnapshot ?? false])).toEqual([
      ["llm.text", 2, 0, true],
      ["mid", 1, 1, false],
    ]);
    expect(envelopes[0]?.data).toEqual({ delta: "Hello" });
    // Live deltas after the snapshot stay deltas by default.
    await publish(base, task.id, acc("!"));
    await stream.frames(3);
    expect(eventData<SSEEnvelope>(stream.text)[2]).toMatchObject({ data: { delta: "!" }, filteredIndex: 2 });
    await stream.cancel();

    const cursor = await openStream(base, `/tasks/${task.id}/events?since.index=-1`);
    expect(eventData<SSEEnvelope>(await cursor.frames(4)).map((e) => e.data)).toEqual([
      { delta: "Hel" },
      null,
      { delta: "lo" },
      { delta: "!" },
    ]);
    await cursor.cancel();
  });

  test("seriesFormat=accumulated turns live deltas into running totals", async () => {
    const task = await createTask(base);
    const opening = openStream(base, `/tasks/${task.id}/events?seriesFormat=accumulated`);
    await sleep(20);
    await publish(base, task.id, [acc("a"), acc("b"), acc("c")]);
    const stream = await opening;
    const data = eventData<SSEEnvelope>(await stream.frames(3)).map((e) => e.data);
    expect(data).toEqual([{ delta: "a" }, { delta: "ab" }, { delta: "abc" }]);
    await stream.cancel();
  });
});

describe("reconnecting", () => {
  test("disconnect, publish meanwhile, reconnect with since.id: every event exactly once", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    const seen: string[] = [];
    const first = await openStream(base, `/tasks/${task.id}/events?wrap=false`);
    await publish(base, task.id, [info("e1"), info("e2")]);
    for (const event of eventData<TaskEvent>(await first.frames(3))) seen.push(event.id);
    await first.cancel();
    const missed = await publish(base, task.id, [info("e3"), info("e4")]);
    const second = await openStream(base, `/tasks/${task.id}/events?wrap=false&since.id=${seen.at(-1)}`);
    await second.frames(2);
    await publish(base, task.id, info("e5"));
    await transition(base, task.id, "completed");
    for (const event of eventData<TaskEvent>(await second.toEnd())) seen.push(event.id);
    const history = (await call(base, "GET", `/tasks/${task.id}/events/history`)).body as TaskEvent[];
    expect(seen).toEqual(history.map((e) => e.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(missed[0]?.id ?? "");
  });

  test("events racing the replay are neither lost nor duplicated", async () => {
    const task = await createTask(base);
    await transition(base, task.id, "running");
    const burst = (async () => {
      for (let i = 0; i < 50; i++) await publish(base, task.id, info(`b${i}`));
    })();
    const stream = await openStream(base, `/tasks/${task.id}/events?includeStatus=false`);
    await burst;
    await transition(base, task.id, "completed");
    const received = eventData<SSEEnvelope>(await stream.toEnd());
    expect(received.map((e) => e.type)).toEqual(Array.from({ length: 50 }, (_, i) => `b${i}`));
    expect(received.map((e) => e.filteredIndex)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
