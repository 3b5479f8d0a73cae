/**
 * bun bench/ws-idle.ts [--n 10000] [--runs 3]
 * Bytes per idle WebSocket on the realtime hub: authenticated-style socket data, each socket
 * on its own `user:<id>` topic and one shared room topic (BENCH_TOPICS=shared|none to
 * compare; BENCH_SERVER=bare.ts for a bare Bun.serve baseline).
 * Target at N=10000: bytesPerConnection <= 1500, RSS at start <= 35 MB.
 */
import { argNumber, report, startServer } from "./lib/harness.ts";
import { measureIdle } from "./lib/idle.ts";

const n = argNumber("n", 10_000);
const runs = argNumber("runs", 3);
const topics = process.env.BENCH_TOPICS ?? "unique";
const serverScript = process.env.BENCH_SERVER ?? "ws-hub.ts";
const result = await measureIdle(
  () => startServer(serverScript, { BENCH_TOPICS: topics }),
  "ws-clients.ts",
  "/ws",
  n,
  runs,
);
await report(serverScript === "ws-hub.ts" ? "ws-idle" : `ws-idle-${serverScript.replace(".ts", "")}`, {
  ...result,
  server: serverScript,
  topics,
  targetBytesPerConnection: 1500,
  targetRssStartBytes: 35e6,
});
