/**
 * bun bench/arinova-chat.ts [--n 10000] [--runs 3] [--streams 1000] [--agents 10] [--chunks 50] [--interval 100]
 *                           [--part idle|chat|both]
 *
 * The real Arinova server (bench/servers/arinova.ts; PostgreSQL from TEST_DATABASE_URL or
 * DATABASE_URL, else PGlite), load from separate client processes:
 *  1. idle: N signed-in users each with an open /ws; bytes per connection = least-squares RSS
 *     slope after a forced GC over six steps from N/2 to N, median of `runs` fresh servers
 *     (target <= 2500 B at N = 10000);
 *  2. chat: `streams` users send one message at once; `agents` SDK-protocol agents answer each
 *     with `chunks` chunks, one every `interval` ms; user-observed chunk latency p50/p99
 *     (target p99 < 100 ms at 1000 concurrent streams), and how long a message waits for its
 *     stream_start when all of them arrive at once.
 */
import { join } from "node:path";
import {
  argNumber,
  argString,
  benchDir,
  log,
  percentile,
  report,
  spawnClients,
  startServer,
} from "./lib/harness.ts";
import { measureIdle } from "./lib/idle.ts";

const n = argNumber("n", 10_000);
const runs = argNumber("runs", 3);
const streams = argNumber("streams", 1000);
const agents = argNumber("agents", 10);
const chunks = argNumber("chunks", 50);
const interval = argNumber("interval", 100);
const part = argString("part", "both");
const database = (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL) ? "postgresql" : "pglite";

const round = (ms: number) => Math.round(ms * 10) / 10;

async function idlePart() {
  log(`idle: ${n} signed-in /ws connections (${database}), ${runs} runs`);
  const idle = await measureIdle(
    () => startServer("arinova.ts", { BENCH_USERS: String(n), BENCH_AGENTS: "1" }),
    "arinova-users.ts",
    "/ws",
    n,
    runs,
  );
  log(
    `idle: ${idle.bytesPerConnection} bytes per connection (runs ${idle.bytesPerConnectionRuns.join(", ")})`,
  );
  return { ...idle, targetBytesPerConnection: 2500 };
}

async function chatPart() {
  log(`chat: ${streams} concurrent streams, ${agents} agents, ${chunks} chunks every ${interval} ms`);
  const server = await startServer("arinova.ts", {
    BENCH_USERS: String(streams),
    BENCH_AGENTS: String(agents),
  });
  const agentProcess = Bun.spawn(
    [
      process.execPath,
      join(benchDir, "lib", "arinova-agents.ts"),
      `http://127.0.0.1:${server.port}`,
      String(chunks),
      String(interval),
    ],
    { stdin: "pipe", stdout: "pipe", stderr: "inherit" },
  );
  // Keep reading the agents' output after "ready": a closed pipe would kill them on the next write.
  const agentsReady = new Promise<void>((resolve) => {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const part of agentProcess.stdout) if (decoder.decode(part).includes('"ready"')) resolve();
    })();
  });
  const processes = Math.max(1, Math.ceil(streams / 500));
  const users = spawnClients("arinova-users.ts", `ws://127.0.0.1:${server.port}/ws`, streams, processes, [
    "--chat",
  ]);
  const latencies: number[] = [];
  const starts: number[] = [];
  let processesDone = 0;
  const done = new Promise<void>((resolve) => {
    users.onLine((line) => {
      if (Array.isArray(line.latencies)) latencies.push(...(line.latencies as number[]));
      if (Array.isArray(line.starts)) starts.push(...(line.starts as number[]));
      if (line.streamsDone !== undefined && ++processesDone === processes) resolve();
    });
  });
  await agentsReady;
  const opened = await users.ready;
  if (opened.failed) throw new Error(`${opened.failed} user connections failed`);
  const started = Date.now();
  const cpuBefore = (await server.stats(false)).cpuMicros;
  await server.control("/__go?set=1");
  const timeout = Bun.sleep(chunks * interval + 60_000).then(() => "timeout");
  const outcome = await Promise.race([done.then(() => "done"), timeout]);
  const seconds = (Date.now() - started) / 1000;
  const serverCpuSeconds = ((await server.stats(false)).cpuMicros - cpuBefore) / 1e6;
  await users.stop();
  agentProcess.kill("SIGTERM");
  await server.stop();
  const result = {
    outcome,
    streams,
    agents,
    chunksPerStream: chunks,
    intervalMs: interval,
    chunksReceived: latencies.length,
    chunksExpected: streams * chunks,
    seconds,
    serverCpuSeconds: round(serverCpuSeconds),
    latencyP50Ms: round(percentile(latencies, 50)),
    latencyP99Ms: round(percentile(latencies, 99)),
    latencyMaxMs: round(Math.max(...latencies)),
    streamStartP50Ms: round(percentile(starts, 50)),
    streamStartP99Ms: round(percentile(starts, 99)),
  };
  log(
    `chat: p50 ${result.latencyP50Ms} ms, p99 ${result.latencyP99Ms} ms ` +
      `(stream_start after p50 ${result.streamStartP50Ms}, p99 ${result.streamStartP99Ms} ms); server CPU ${result.serverCpuSeconds} s`,
  );
  return { ...result, targetP99Ms: 100 };
}

const loadAverage = async () => Number((await Bun.file("/proc/loadavg").text()).split(" ")[0]);
const loadBefore = await loadAverage();
const idle = part === "chat" ? undefined : await idlePart();
const chat = part === "idle" ? undefined : await chatPart();

await report("arinova-chat", {
  database,
  // The machine is shared: 2 cores for the server, PostgreSQL, the clients and anyone else.
  loadAverage1m: { before: loadBefore, after: await loadAverage() },
  ...(idle && { idle }),
  ...(chat && { chat }),
});
