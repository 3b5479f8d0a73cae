/**
 * bun bench/sse-idle.ts [--n 10000] [--runs 3]
 * Bytes per idle SSE stream from the realtime SSE writer (BENCH_SIGNAL=on also passes the
 * request's AbortSignal; BENCH_SERVER=sse-bare.ts for a bare Bun stream baseline).
 * Target: bytesPerConnection <= 4000.
 */
import { argNumber, report, startServer } from "./lib/harness.ts";
import { measureIdle } from "./lib/idle.ts";

const n = argNumber("n", 10_000);
const runs = argNumber("runs", 3);
const serverScript = process.env.BENCH_SERVER ?? "sse.ts";
const signal = process.env.BENCH_SIGNAL ?? "off";
const result = await measureIdle(
  () => startServer(serverScript, { BENCH_SIGNAL: signal }),
  "sse-clients.ts",
  "/sse",
  n,
  runs,
);
await report(serverScript === "sse.ts" ? "sse-idle" : `sse-idle-${serverScript.replace(".ts", "")}`, {
  ...result,
  server: serverScript,
  requestSignal: signal,
  targetBytesPerConnection: 4000,
});
