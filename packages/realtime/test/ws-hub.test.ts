import { afterEach, describe, expect, test } from "bun:test";
import { MemoryBus } from "../src/memory-bus.ts";
import { SLOW_CONSUMER } from "../src/ws-hub.ts";
import { eventually } from "./helpers.ts";
import {
  CountingBus,
  parseServerFrames,
  readToEnd,
  startHubServer,
  stuckClient,
  TestClient,
} from "./ws-fixture.ts";

type Running = ReturnType<typeof startHubServer>;

describe("WebSocket hub", () => {
  const running: Running[] = [];
  const clients: TestClient[] = [];
  const start = (options: Parameters<typeof startHubServer>[0]): Running => {
    const app = startHubServer(options);
    running.push(app);
    return app;
  };
  const client = async (url: string): Promise<TestClient> => {
    const opened = await TestClient.open(url);
    clients.push(opened);
    return opened;
  };
  afterEach(async () => {
    for (const opened of clients.splice(0)) opened.close();
    await Promise.all(running.splice(0).map((app) => app.stop()));
  });

  test("a publish reaches the subscribers of its topic and no one else", async () => {
    const app = start({ bus: new MemoryBus() });
    const alice = await client(app.url("name=alice"));
    const bob = await client(app.url("name=bob"));
    const carol = await client(app.url("name=carol"));
    await alice.subscribe("room:1");
    await bob.subscribe("room:2");
    await app.hub.publish("room:1", "to room 1");
    await app.hub.publish("room:2", "to room 2");
    expect(await alice.messages(2)).toEqual(["subscribed:room:1", "to room 1"]);
    // Bob would have got "to room 1" before "to room 2" had it been misrouted.
    expect(await bob.messages(2)).toEqual(["subscribed:room:2", "to room 2"]);
    expect(carol.received).toEqual([]);
    expect(app.hub.connections).toBe(3);
    expect(app.hub.localTopics).toBe(2);
  });

  test("unsubscribe stops delivery to that socket only", async () => {
    const app = start({ bus: new MemoryBus() });
    const alice = await client(app.url("name=alice"));
    const bob = await client(app.url("name=bob"));
    await alice.subscribe("room");
    await bob.subscribe("room");
    await alice.unsubscribe("room");
    await app.hub.publish("room", "after");
    expect(await bob.messages(2)).toEqual(["subscribed:room", "after"]);
    await alice.subscribe("other");
    await app.hub.publish("other", "sentinel");
    expect(await alice.messages(4)).toEqual([
      "subscribed:room",
      "unsubscribed:room",
      "subscribed:other",
      "sentinel",
    ]);
  });

  test("one bus subscription per local topic, released when the last socket leaves or closes", async () => {
    const bus = new CountingBus(new MemoryBus());
    const app = start({ bus });
    const alice = await client(app.url("name=alice"));
    const bob = await client(app.url("name=bob"));
    await alice.subscribe("room");
    await alice.subscribe("room");
    await bob.subscribe("room");
    await bob.subscribe("solo");
    expect(bus.active("room")).toBe(1);
    expect(app.hub.localTopics).toBe(2);

    await alice.unsubscribe("room");
    expect(bus.active("room")).toBe(1);
    bob.close();
    await eventually(() => app.hub.connections === 1, "bob's close reaches the server");
    await eventually(() => bus.active("room") === 0 && bus.active("solo") === 0, "bus released");
    expect(app.hub.localTopics).toBe(0);
    expect(app.closed).toEqual([{ name: "bob", code: 1000, reason: "done" }]);
  });

  test("two hubs on two servers deliver to each other through a shared bus", async () => {
    const bus = new MemoryBus();
    const east = start({ bus });
    const west = start({ bus });
    const alice = await client(east.url("name=alice"));
    const bob = await client(west.url("name=bob"));
    await alice.subscribe("room");
    await bob.subscribe("room");
    await west.hub.publish("room", "from west");
    expect(await alice.messages(2)).toEqual(["subscribed:room", "from west"]);
    expect(await bob.messages(2)).toEqual(["subscribed:room", "from west"]);
  });

  test("a message over maxPayloadLength closes the socket with 1009", async () => {
    const app = start({ bus: new MemoryBus(), maxPayloadLength: 1024 });
    const alice = await client(app.url("name=alice&sub=room"));
    alice.send("x".repeat(1025));
    expect((await alice.closed).code).toBe(1009);
    await eventually(() => app.hub.connections === 0 && app.hub.localTopics === 0, "server-side cleanup");
  });

  test("a consumer that stops reading is closed as a slow consumer; others keep receiving", async () => {
    const bus = new CountingBus(new MemoryBus());
    const app = start({ bus, backpressureLimit: 64 * 1024 });
    const reader = await client(app.url("name=reader&sub=feed"));
    const stuck = await stuckClient(app.server.port ?? 0, "name=stuck&sub=feed");
    try {
      await eventually(() => app.hub.connections === 2 && bus.active("feed") === 1, "both subscribed");
      const chunk = "z".repeat(16 * 1024);
      let sent = 0;
      // Bounded: the kernel's socket buffers take a few MB before Bun has to queue anything.
      while (app.closed.length === 0 && sent < 4000) {
        await app.hub.publish("feed", chunk);
        sent++;
        if (sent % 16 === 0) await Bun.sleep(1);
      }

      expect(app.closed).toEqual([{ name: "stuck", ...SLOW_CONSUMER }]);
      expect(app.hub.connections).toBe(1);
      expect(await reader.messages(sent, 10_000)).toHaveLength(sent);
      expect(reader.open).toBe(true);
      // Should the stuck client ever read again, the last thing it finds is the close frame.
      const frames = parseServerFrames(await readToEnd(stuck));
      expect(frames.at(-1)).toEqual({ opcode: 8, ...SLOW_CONSUMER });
    } finally {
      stuck.destroy();
    }
  });

  test(
    "a client that goes silent is closed at the idle timeout; one answering pings stays",
    async () => {
      // Bun's smallest idle timeout is 8 s, which makes this the slowest test of the package.
      const app = start({ bus: new MemoryBus(), idleTimeoutSeconds: 8 });
      const live = await client(app.url("name=live&sub=room"));
      const silent = await stuckClient(app.server.port ?? 0, "name=silent&sub=room");
      try {
        await eventually(() => app.hub.connections === 2, "both connected");
        await eventually(() => app.closed.length > 0, "idle close", 14_000);
        expect(app.closed.map((entry) => entry.name)).toEqual(["silent"]);
        expect(app.hub.connections).toBe(1);
        expect(live.open).toBe(true);
        await app.hub.publish("room", "still there");
        expect(await live.messages(1)).toEqual(["still there"]);
      } finally {
        silent.destroy();
      }
    },
    { timeout: 16_000 },
  );
});
