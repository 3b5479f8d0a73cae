/** Baseline for sse-idle: a bare Bun streamed response holding one comment frame. */
import { control } from "./control.ts";

let open = 0;
const frame = new TextEncoder().encode(":keepalive\n\n");
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  idleTimeout: 0,
  fetch(req) {
    const url = new URL(req.url);
    if (url.pathname === "/sse") {
      open++;
      const headers = { "content-type": "text/event-stream" };
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(frame);
        },
        cancel() {
          open--;
        },
      });
      return new Response(body, { headers });
    }
    return control(url, { connections: () => open });
  },
});
console.log(JSON.stringify({ port: server.port }));
