import { afterEach, describe, expect, test } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import { RedisBus } from "../src/redis-bus.ts";
import { startHubServer, TestClient } from "./ws-fixture.ts";

const url = await serviceUrl("TEST_REDIS_URL");

describe.skipIf(!url)("WebSocket hubs over RedisBus", () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  test("two servers, each with its own RedisBus, deliver to each other's sockets", async () => {
    const prefix = `${uniqueName("rt")}:`;
    const east = startHubServer({ bus: new RedisBus({ url: url ?? "", prefix }) });
    const west = startHubServer({ bus: new RedisBus({ url: url ?? "", prefix }) });
    cleanup.push(
      () => east.stop(),
      () => west.stop(),
    );
    const alice = await TestClient.open(east.url("name=alice"));
    const bob = await TestClient.open(west.url("name=bob"));
    cleanup.push(
      () => alice.close(),
      () => bob.close(),
    );

    // The confirmation is sent only after Redis confirmed the SUBSCRIBE.
    await alice.subscribe("room:7");
    await bob.subscribe("room:7");
    await east.hub.publish("room:7", "from east");
    await west.hub.publish("room:7", "from west");
    expect(await alice.messages(3)).toEqual(["subscribed:room:7", "from east", "from west"]);
    expect(await bob.messages(3)).toEqual(["subscribed:room:7", "from east", "from west"]);
  });
});
