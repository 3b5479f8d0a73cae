/**
 * A client that goes away is noticed by the stream itself (its cancel), not through
 * `request.signal`, which the routes leave untouched: counts drop and subscriptions end,
 * even for a per-task stream that never sent a byte (Bun had not even sent the head yet).
 */
import { afterAll, expect, test } from "bun:test";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import { createMemoryAdapters } from "../../src/storage/memory/index.ts";
import { call, closeAll, createTask, openStream, publish, sleep, startServer } from "./helpers.ts";

afterAll(closeAll);

const until = async (check: () => Promise<boolean>, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(10);
  }
};

test("per-task stream: an idle client that aborts before any byte is counted out", async () => {
  const { base } = await startServer();
  const task = await createTask(base);
  const count = async () =>
    ((await call(base, "GET", `/tasks/${task.id}`)).body as { subscriberCount: number }).subscriberCount;
  const controller = new AbortController();
  const opening = fetch(`${base}/tasks/${task.id}/events`, { signal: controller.signal }).catch(
    () => undefined,
  );
  await until(async () => (await count()) === 1);
  controller.abort();
  await opening;
  await until(async () => (await count()) === 0);

  // And one that leaves after frames arrived (the head comes with the first event).
  const reading = openStream(base, `/tasks/${task.id}/events`);
  await until(async () => (await count()) === 1);
  await publish(base, task.id, { type: "x", level: "info" });
  const stream = await reading;
  await stream.frames(1);
  expect(await count()).toBe(1);
  await stream.cancel();
  await until(async () => (await count()) === 0);
});

test("global stream: a client that leaves stops listening for new tasks", async () => {
  const engine = new TaskcastEngine({ ...createMemoryAdapters(), ttl: "ignore" });
  let listening = 0;
  const listen = engine.onTaskCreated.bind(engine);
  engine.onTaskCreated = (listener) => {
    listening++;
    const stop = listen(listener);
    return () => {
      listening--;
      stop();
    };
  };
  const { base } = await startServer({ engine });
  const stream = await openStream(base, "/events");
  await stream.frames(1);
  expect(listening).toBe(1);
  await stream.cancel();
  await until(async () => listening === 0);
});
