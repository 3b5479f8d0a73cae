/**
 * Operations through the CLI start path: `GET /metrics` (ours, on by default, off by config or
 * TASKCAST_METRICS) and the graceful stop (streams end, queued durable writes land, then the
 * stores close).
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { start } from "../multi-instance/servers.ts";
import { call, createTask, openStream, publish, type SseReader, transition } from "./helpers.ts";

/** The value of one unlabelled-but-`app` series, or of the series whose labels contain `labels`. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text
    .split("\n")
    .find((row) => row.startsWith(`${name}{`) && row.includes(labels) && !row.startsWith("#"));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

/**
 * Stop ends streams as the original's exit did, by cutting them: the client's read finishes
 * (a reset is fine) instead of hanging.
 */
async function finishes(stream: SseReader): Promise<boolean> {
  try {
    await stream.toEnd(3000);
    return stream.ended;
  } catch (error) {
    return String(error).includes("ECONNRESET");
  }
}

async function scrape(base: string): Promise<string> {
  const response = await fetch(`${base}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  return response.text();
}

describe("GET /metrics", () => {
  test("counts tasks, published events, transitions, publish latency, open SSE streams and requests", async () => {
    const { base } = await start({});
    const task = await createTask(base, { type: "m" });
    await transition(base, task.id, "running");
    await publish(base, task.id, [
      { type: "a", level: "info", data: 1 },
      { type: "b", level: "info", data: 2 },
    ]);
    const perTask = await openStream(base, `/tasks/${task.id}/events`);
    await perTask.frames(1);
    const global = await openStream(base, "/events");
    await global.frames(1);

    let text = await scrape(base);
    expect(sample(text, "taskcast_tasks_created_total")).toBe(1);
    expect(sample(text, "taskcast_events_published_total")).toBe(2);
    expect(sample(text, "taskcast_transitions_total", 'from="pending",to="running"')).toBe(1);
    expect(sample(text, "taskcast_publish_duration_seconds_count")).toBe(2);
    expect(sample(text, "taskcast_sse_streams")).toBe(2);
    expect(
      sample(text, "http_requests_total", 'method="POST",route="/tasks/:taskId/events",status="201"'),
    ).toBe(1);

    await transition(base, task.id, "completed");
    await perTask.toEnd();
    await global.cancel();
    // The gauge is read at each scrape; a left stream counts out once its cancel reaches the server.
    for (let i = 0; i < 50 && sample(text, "taskcast_sse_streams") !== 0; i++) {
      await Bun.sleep(20);
      text = await scrape(base);
    }
    expect(sample(text, "taskcast_sse_streams")).toBe(0);
    expect(sample(text, "taskcast_transitions_total", 'from="running",to="completed"')).toBe(1);
  });

  test("TASKCAST_METRICS=false or `metrics.enabled: false` removes the route (404 as before)", async () => {
    const off = await start({ TASKCAST_METRICS: "false" });
    expect((await call(off.base, "GET", "/metrics")).status).toBe(404);
    const dir = mkdtempSync(join(tmpdir(), "taskcast-metrics-"));
    const config = join(dir, "taskcast.config.json");
    await Bun.write(config, JSON.stringify({ metrics: { enabled: false } }));
    const fromFile = await start({}, { config });
    expect((await call(fromFile.base, "GET", "/metrics")).status).toBe(404);
    // The variable beats the file.
    const forced = await start({ TASKCAST_METRICS: "1" }, { config });
    expect((await call(forced.base, "GET", "/metrics")).status).toBe(200);
  });

  test("a TASKCAST_METRICS that is not a boolean fails start", async () => {
    await expect(start({ TASKCAST_METRICS: "maybe" })).rejects.toThrow(
      "TASKCAST_METRICS must be true or false",
    );
  });
});

describe("graceful stop", () => {
  test("ends open streams, stops accepting, and keeps every acknowledged write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "taskcast-stop-"));
    const flags = { storage: "sqlite", dbPath: join(dir, "stop.db") };
    const first = await start({}, flags);
    const task = await createTask(first.base, { type: "s" });
    await transition(first.base, task.id, "running");
    const stream = await openStream(first.base, `/tasks/${task.id}/events`);
    await stream.frames(1);
    const global = await openStream(first.base, "/events");
    await global.frames(1);
    const events = await publish(
      first.base,
      task.id,
      Array.from({ length: 20 }, (_, i) => ({ type: "e", level: "info", data: i })),
    );

    await first.stop();
    expect(await finishes(stream)).toBe(true);
    expect(await finishes(global)).toBe(true);
    await expect(fetch(`${first.base}/health`)).rejects.toThrow();

    const second = await start({}, flags);
    const history = (await call(second.base, "GET", `/tasks/${task.id}/events/history`)).body as {
      id: string;
    }[];
    const stored = new Set(history.map((event) => event.id));
    expect(events.every((event) => stored.has(event.id))).toBe(true);
  });

  test("the steps run in order, once, and a second stop is the same stop", async () => {
    const server = await start({});
    const stopping = server.running.stop();
    expect(server.running.shutdown.started).toBe(true);
    const report = await server.running.shutdown.run("again");
    expect(report.closed.map((step) => step.name)).toEqual([
      "stop accepting",
      "end streams",
      "drain durable writes",
      "close connections",
      "close stores",
    ]);
    expect(report.reason).toBe("stop");
    await stopping;
  });
});
