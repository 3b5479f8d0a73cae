import { afterEach, expect, test } from "bun:test";
import type { Server } from "bun";
import { Hono } from "hono";
import { MemoryBus } from "../src/memory-bus.ts";
import { createWsHub } from "../src/ws-hub.ts";
import { TestClient } from "./ws-fixture.ts";

interface Member {
  room: string;
}

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

test("the hub upgrades from a Hono route and delivers to the socket", async () => {
  const hub = createWsHub<Member>({
    bus: new MemoryBus(),
    async open(ws) {
      await hub.subscribe(ws, `room:${ws.data.room}`);
      ws.send("joined");
    },
  });
  const app = new Hono<{ Bindings: Server<Member> }>();
  app.get("/rooms/:room/ws", (c) =>
    hub.upgrade(c.req.raw, c.env, { room: c.req.param("room") })
      ? new Response(null)
      : c.text("upgrade required", 426),
  );
  const server = Bun.serve<Member>({
    port: 0,
    hostname: "127.0.0.1",
    fetch: app.fetch,
    websocket: hub.websocket,
  });
  cleanup.push(() => server.stop(true));

  const plain = await fetch(`http://127.0.0.1:${server.port}/rooms/5/ws`);
  expect(plain.status).toBe(426);
  const member = await TestClient.open(`ws://127.0.0.1:${server.port}/rooms/5/ws`);
  cleanup.push(() => member.close());
  expect(await member.messages(1)).toEqual(["joined"]);
  await hub.publish("room:5", "hello room 5");
  expect(await member.messages(2)).toEqual(["joined", "hello room 5"]);
  expect(hub.connections).toBe(1);
});
