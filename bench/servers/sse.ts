/**
 * Server under test for sse-idle: idle SSE streams from the realtime SSE writer, each
 * registered for fan-out as a real app would and sent a heartbeat comment every 30 s.
 */
import { type SseStream, sseResponse } from "@rt/realtime";
import { control } from "./control.ts";

const streams = new Set<SseStream>();
const withSignal = process.env.BENCH_SIGNAL === "on";

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  idleTimeout: 0,
  fetch(req) {
    const url = new URL(req.url);
    if (url.pathname === "/sse") {
      return sseResponse({
        // Bun builds a request's AbortSignal lazily and it costs a few hundred bytes (~250 B
        // with the direct-sink writer); the stream's own cancel already reports a client that
        // went away.
        signal: withSignal ? req.signal : undefined,
        heartbeatMs: 30_000,
        start(stream) {
          streams.add(stream);
          stream.onClose(() => streams.delete(stream));
          stream.comment("keepalive");
        },
      });
    }
    return control(url, { connections: () => streams.size });
  },
});

console.log(JSON.stringify({ port: server.port }));
