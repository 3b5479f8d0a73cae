/** Two servers on one Redis (+ PostgreSQL) behave as one: events cross instances. */
import { describe, expect, test } from "bun:test";
import type { TaskEvent } from "../../src/core/types.ts";
import { call, createTask, eventData, openStream, publish, transition } from "../server/helpers.ts";
import { useServices } from "../support/services.ts";
import { start } from "./servers.ts";

const { redisUrl, pgUrl, database, prefix } = useServices("tc_multi");

describe.skipIf(!redisUrl || !pgUrl)("two instances on Redis + PostgreSQL", () => {
  const env = () => ({
    TASKCAST_REDIS_URL: redisUrl ?? "",
    TASKCAST_REDIS_PREFIX: prefix,
    TASKCAST_POSTGRES_URL: database.url(),
  });

  test("an event published to A reaches an SSE subscriber on B, in order, then the done frame", async () => {
    const a = await start(env());
    const b = await start(env());
    const task = await createTask(a.base, { type: "llm" });
    await transition(a.base, task.id, "running");
    // B sees the task A created and replays its status event before going live.
    expect((await call(b.base, "GET", `/tasks/${task.id}`)).status).toBe(200);
    const stream = await openStream(b.base, `/tasks/${task.id}/events`);
    await stream.frames(1);
    const published: TaskEvent[] = [];
    for (let i = 0; i < 20; i++) {
      published.push(...(await publish(a.base, task.id, { type: "llm.delta", level: "info", data: { i } })));
    }
    await transition(a.base, task.id, "completed");
    const text = await stream.toEnd(5_000);
    const envelopes = eventData<{ type: string; eventId: string }>(text);
    expect(envelopes.filter((e) => e.type === "llm.delta").map((e) => e.eventId)).toEqual(
      published.map((e) => e.id),
    );
    expect(text).toContain('event: taskcast.done\ndata: {"reason":"completed"}');
    // Written behind by A, readable durably by both.
    await a.running.server.engine.settle();
    const durable = (await call(b.base, "GET", `/tasks/${task.id}/events/history`)).body as TaskEvent[];
    expect(durable.map((e) => e.type)).toEqual([
      "taskcast:status",
      ...published.map(() => "llm.delta"),
      "taskcast:status",
    ]);
  });

  test("a transition on B is seen by a subscriber on A; concurrent publishes on both get unique indexes", async () => {
    const a = await start(env());
    const b = await start(env());
    const task = await createTask(b.base);
    await transition(b.base, task.id, "running");
    // Unfiltered, so the replayed status event opens the stream (see COMPATIBILITY.md).
    const stream = await openStream(a.base, `/tasks/${task.id}/events`);
    await stream.frames(1);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        publish(i % 2 === 0 ? a.base : b.base, task.id, { type: "x", level: "info", data: { i } }),
      ),
    );
    await transition(b.base, task.id, "failed", { error: { message: "boom" } });
    const envelopes = eventData<{ rawIndex: number; type: string }>(await stream.toEnd(5_000));
    expect(envelopes.at(-1)).toMatchObject({ type: "taskcast:status", rawIndex: 21 });
    const published = envelopes.filter((e) => e.type === "x");
    expect(published.map((e) => e.rawIndex).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
  });
  test("a client that drops from A and reconnects to B with since.id gets every event exactly once", async () => {
    const a = await start(env());
    const b = await start(env());
    const task = await createTask(a.base);
    await transition(a.base, task.id, "running");
    const seen: string[] = [];
    const first = await openStream(a.base, `/tasks/${task.id}/events?wrap=false`);
    await publish(b.base, task.id, [
      { type: "x", level: "info", data: 1 },
      { type: "x", level: "info", data: 2 },
    ]);
    for (const event of eventData<TaskEvent>(await first.frames(3, 5_000))) seen.push(event.id);
    await first.cancel();
    // Published on both instances while the client is away.
    await publish(a.base, task.id, { type: "x", level: "info", data: 3 });
    await publish(b.base, task.id, { type: "x", level: "info", data: 4 });
    const second = await openStream(b.base, `/tasks/${task.id}/events?wrap=false&since.id=${seen.at(-1)}`);
    await second.frames(2, 5_000);
    await publish(a.base, task.id, { type: "x", level: "info", data: 5 });
    await transition(a.base, task.id, "completed");
    for (const event of eventData<TaskEvent>(await second.toEnd(5_000))) seen.push(event.id);
    const history = (await call(b.base, "GET", `/tasks/${task.id}/events/history`)).body as TaskEvent[];
    expect(seen).toEqual(history.map((event) => event.id));
    expect(history).toHaveLength(7);
  });
});
