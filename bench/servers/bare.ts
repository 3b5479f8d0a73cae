/** Baseline for ws-idle: bare Bun.serve sockets, optionally natively subscribed (BENCH_TOPICS). */
import { control } from "./control.ts";

let connections = 0;
let next = 0;
const topics = process.env.BENCH_TOPICS ?? "none";
const server = Bun.serve<{ userId: string }>({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req, srv) {
    const url = new URL(req.url);
    if (url.pathname === "/ws") {
      return srv.upgrade(req, { data: { userId: String(++next) } })
        ? undefined
        : new Response("no", { status: 400 });
    }
    return control(url, { connections: () => connections });
  },
  websocket: {
    idleTimeout: 960,
    open(ws) {
      connections++;
      if (topics === "unique") ws.subscribe(`user:${ws.data.userId}`);
      if (topics !== "none") ws.subscribe("room:bench");
    },
    message() {},
    close() {
      connections--;
    },
  },
});
console.log(JSON.stringify({ port: server.port }));
