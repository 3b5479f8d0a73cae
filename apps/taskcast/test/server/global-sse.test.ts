/** The global stream `GET /events` (api.md §7). */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { SSEEnvelope } from "../../src/core/types.ts";
import {
  closeAll,
  createTask,
  eventData,
  openStream,
  publish,
  sleep,
  startServer,
  transition,
} from "./helpers.ts";

let base: string;
beforeAll(async () => {
  base = (await startServer({ keepaliveMs: 100 })).base;
});
afterAll(closeAll);

test(":keepalive at once and then periodically; only tasks created after connecting", async () => {
  const before = await createTask(base);
  const stream = await openStream(base, "/events");
  expect(stream.response.headers.get("content-type")).toBe("text/event-stream");
  expect(await stream.frames(1)).toBe(":keepalive\n\n");
  await publish(base, before.id, { type: "old", level: "info" });
  const task = await createTask(base);
  const [event] = await publish(base, task.id, {
    type: "llm.delta",
    level: "info",
    seriesId: "s",
    seriesMode: "accumulate",
    data: { delta: "a" },
  });
  await publish(base, task.id, {
    type: "llm.delta",
    level: "info",
    seriesId: "s",
    seriesMode: "accumulate",
    data: { delta: "b" },
  });
  await transition(base, task.id, "running");
  await transition(base, task.id, "completed");
  await stream.until((text) => text.includes('"status":"completed"'));
  const keepalives = (text: string) => text.match(/^:keepalive$/gm)?.length ?? 0;
  const text = await stream.until((seen) => keepalives(seen) >= 3);
  const envelopes = eventData<SSEEnvelope>(text);
  expect(envelopes.map((e) => e.type)).toEqual([
    "llm.delta",
    "llm.delta",
    "taskcast:status",
    "taskcast:status",
  ]);
  expect(envelopes.every((e) => e.filteredIndex === 0 && e.taskId === task.id)).toBe(true);
  // Raw deltas, no snapshot marker.
  expect(envelopes[1]?.data).toEqual({ delta: "b" });
  expect(envelopes.some((e) => "seriesSnapshot" in e)).toBe(false);
  expect(text).toContain(`id: ${event?.id}\n\n`);
  // Terminal status does not end the global stream.
  expect(stream.ended).toBe(false);
  await stream.cancel();
});

test("types and levels filters", async () => {
  const stream = await openStream(base, "/events?types=tool.*&levels=warn");
  await stream.frames(1);
  const task = await createTask(base);
  await publish(base, task.id, [
    { type: "tool.call", level: "info", data: 1 },
    { type: "tool.call", level: "warn", data: 2 },
    { type: "llm", level: "warn", data: 3 },
  ]);
  await stream.until((text) => text.includes("event: taskcast.event"));
  await sleep(50);
  expect(eventData<SSEEnvelope>(stream.text).map((e) => e.data)).toEqual([2]);
  await stream.cancel();
});
