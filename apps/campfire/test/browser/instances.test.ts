import { afterAll, beforeAll, expect, test } from "bun:test";
import { RedisBus } from "@rt/realtime";
import { serviceUrl, uniqueName } from "@rt/testkit";
import type { Page } from "playwright-core";
import { RunningCampfire } from "../support/campfire.ts";
import {
  ALL_TALK,
  browserAvailable,
  eventually,
  firstRun,
  has,
  Journey,
  joinedPerson,
  joinRoom,
  sendMessage,
} from "./harness.ts";

// Two app instances on two ports share one SQLite file and a Redis bus (a unique prefix keeps this
// run apart from anything else on the server). David's browser talks to one, Jason's to the other;
// everything live still reaches both. Under TEST_REQUIRE_SERVICES=1 a missing Redis fails the suite.
const redisUrl = await serviceUrl("TEST_REDIS_URL");
const runs = browserAvailable && redisUrl !== undefined;

let journey: Journey;
let first: RunningCampfire;
let second: RunningCampfire;
const buses: RedisBus[] = [];
let david: Page;
let jason: Page;

beforeAll(async () => {
  if (!runs || !redisUrl) return;
  const prefix = `${uniqueName("campfire_instances")}:`;
  const dir = RunningCampfire.freshDirectory();
  const busFor = () => {
    const bus = new RedisBus({ url: redisUrl, prefix });
    buses.push(bus);
    return bus;
  };
  first = RunningCampfire.startIn(dir, { bus: busFor() });
  second = RunningCampfire.startIn(dir, { bus: busFor() });
  journey = await Journey.start(first);
  david = await journey.person();
  await firstRun(david, first.url);
  jason = await joinedPerson(journey, "Jason", "jason@example.com", second.url);
  await joinRoom(david, first.url, ALL_TALK);
  await joinRoom(jason, second.url, ALL_TALK);
}, 30_000);

afterAll(async () => {
  if (!runs) return;
  await second?.stop();
  await journey?.stop();
  await Promise.all(buses.map((bus) => bus.close()));
});

test.skipIf(!runs)(
  "a message posted on one instance reaches a browser on the other, both ways, with typing and sidebar marks",
  async () => {
    expect(new URL(david.url()).port).toBe(new URL(first.url).port);
    expect(new URL(jason.url()).port).toBe(new URL(second.url).port);

    await sendMessage(david, "Posted through the first instance");
    await eventually(() => has(jason, "Posted through the first instance"));

    const editor = jason.locator("#composer trix-editor");
    await editor.click();
    await editor.pressSequentially("Answered through the second");
    await david.waitForSelector(".typing-indicator:not([hidden])");
    await editor.press("Enter");
    await eventually(() => has(david, "Answered through the second"));

    // A new room made on the first instance appears live in the sidebar served by the second, and
    // lights up there when David writes in it.
    await david.goto(`${first.url}/rooms/opens/new`);
    await david.getByLabel("Name").fill("Ops");
    await david.getByRole("button", { name: "Create room" }).click();
    await david.waitForURL(
      (address) => /^\/rooms\/\d+$/.test(address.pathname) && !address.pathname.endsWith("/1"),
    );
    const ops = Number(new URL(david.url()).pathname.split("/")[2]);
    const entry = jason.locator(`#list_rooms_open_${ops}`);
    await entry.waitFor();
    await joinRoom(david, first.url, ops);
    await sendMessage(david, "Deploying now");
    await eventually(async () => ((await entry.getAttribute("class")) ?? "").includes("unread"));
    expect(journey.errors).toEqual([]);
  },
  30_000,
);
