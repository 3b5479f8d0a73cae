/**
 * bun bench/taskcast-throughput.ts [--subscribers 100] [--processes 2] [--seconds 10] [--concurrency 16] [--batch 1]
 * Taskcast in memory mode, one running task with N SSE subscribers (in separate client
 * processes); `concurrency` HTTP publishers POST single events for `seconds`. Reports events
 * accepted per second and publish-to-receive latency (p50/p99 over every subscriber's copy).
 * With --batch N each request publishes an array of N events (the API's batch form).
 * Target on the 2-core machine: >= 5,000 events/s accepted, p99 < 50 ms.
 */
import { argNumber, log, percentile, report, spawnClients, startServer } from "./lib/harness.ts";

const subscribers = argNumber("subscribers", 100);
const processes = argNumber("processes", 2);
const seconds = argNumber("seconds", 10);
const concurrency = argNumber("concurrency", 16);
const batch = argNumber("batch", 1);
const now = () => performance.timeOrigin + performance.now();

const server = await startServer("taskcast.ts");
const base = `http://127.0.0.1:${server.port}`;

async function post(path: string, body: unknown, method = "POST"): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const task = (await (await post("/tasks", { type: "bench" })).json()) as { id: string };
await post(`/tasks/${task.id}/status`, { status: "running" }, "PATCH");

const fleet = spawnClients(
  "sse-latency-clients.ts",
  `${base}/tasks/${task.id}/events`,
  subscribers,
  processes,
);
const finals: Array<{ histogram: Array<[number, number]>; received: number }> = [];
fleet.onLine((line) => {
  if (line.final) finals.push(line as unknown as (typeof finals)[number]);
});

try {
  const opened = await fleet.ready;
  if (opened.failed) throw new Error(`${opened.failed} subscriptions failed`);
  log(`${opened.opened} subscribers on task ${task.id}`);

  // Warm-up: events without `sentAt` are not measured.
  await publishFor(1_000, false);
  const started = now();
  const cpuBefore = (await server.stats(false)).cpuMicros;
  const run = await publishFor(seconds * 1_000, true);
  const elapsedS = (now() - started) / 1_000;
  // Server CPU per accepted event: steadier than events/s when other work shares the cores.
  const cpuMicros = (await server.stats(false)).cpuMicros - cpuBefore;
  await post(`/tasks/${task.id}/status`, { status: "completed" }, "PATCH");

  const deadline = Date.now() + 60_000;
  while (finals.length < processes && Date.now() < deadline) await Bun.sleep(50);
  const merged = new Map<number, number>();
  let received = 0;
  for (const final of finals) {
    received += final.received;
    for (const [bucket, n] of final.histogram) merged.set(bucket, (merged.get(bucket) ?? 0) + n);
  }
  const quantile = (q: number) => {
    const target = Math.ceil(q * received);
    let seen = 0;
    for (const bucket of [...merged.keys()].sort((a, b) => a - b)) {
      seen += merged.get(bucket) ?? 0;
      if (seen >= target) return (bucket + 1) / 10;
    }
    return Number.NaN;
  };
  const result = {
    subscribers,
    clientProcesses: processes,
    concurrency,
    batch,
    seconds: Math.round(elapsedS * 100) / 100,
    accepted: run.accepted,
    errors: run.errors,
    eventsPerSecond: Math.round(run.accepted / elapsedS),
    serverCpuMicrosPerEvent: Math.round(cpuMicros / run.accepted),
    deliveries: received,
    deliveredRatio: Math.round((received / (run.accepted * subscribers)) * 10_000) / 10_000,
    latencyMs: { p50: quantile(0.5), p99: quantile(0.99), max: quantile(1) },
    publishHttpMs: { p50: round(percentile(run.httpMs, 50)), p99: round(percentile(run.httpMs, 99)) },
    target: { eventsPerSecond: 5_000, p99Ms: 50 },
  };
  log(
    `${result.eventsPerSecond} events/s accepted, receive latency p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms`,
  );
  await report("taskcast-throughput", result);
} finally {
  await fleet.stop();
  await server.stop();
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

async function publishFor(ms: number, measured: boolean) {
  const until = now() + ms;
  const httpMs: number[] = [];
  let accepted = 0;
  let errors = 0;
  let seq = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (now() < until) {
        const sentAt = now();
        const event = () => ({
          type: "llm.delta",
          level: "info",
          data: measured ? { sentAt, seq: seq++ } : { seq: seq++ },
        });
        const body = batch === 1 ? event() : Array.from({ length: batch }, event);
        const response = await post(`/tasks/${task.id}/events`, body);
        await response.arrayBuffer();
        if (response.status === 201) accepted += batch;
        else errors += 1;
        if (measured) httpMs.push(now() - sentAt);
      }
    }),
  );
  return { accepted, errors, httpMs };
}
