/**
 * Server under test for ws-idle and ws-fanout: the realtime hub on Bun.serve. Each socket
 * carries authenticated-style data and joins two topics: its own `user:<id>` and the shared
 * `room:bench` that fan-out rounds publish to.
 */
import { createWsHub } from "@rt/realtime";
import { benchBus, control } from "./control.ts";

interface SocketData {
  userId: string;
  sessionId: string;
  connectedAt: number;
}

const bus = await benchBus();
const topics = process.env.BENCH_TOPICS ?? "unique";
const hub = createWsHub<SocketData>({
  bus,
  idleTimeoutSeconds: 960,
  async open(ws) {
    // BENCH_TOPICS=shared puts every socket on two shared topics; the default gives each its
    // own user topic as a real chat server does.
    if (topics === "none") return;
    await hub.subscribe(ws, topics === "shared" ? "room:other" : `user:${ws.data.userId}`);
    await hub.subscribe(ws, "room:bench");
  },
});

let nextUser = 0;
const server = Bun.serve<SocketData>({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req, srv) {
    const url = new URL(req.url);
    if (url.pathname === "/ws") {
      const userId = String(++nextUser);
      const data = { userId, sessionId: crypto.randomUUID(), connectedAt: Date.now() };
      return hub.upgrade(req, srv, data) ? undefined : new Response("upgrade failed", { status: 400 });
    }
    return control(url, {
      connections: () => hub.connections,
      publish: (round) => hub.publish("room:bench", round),
    });
  },
  websocket: hub.websocket,
});

console.log(JSON.stringify({ port: server.port }));
