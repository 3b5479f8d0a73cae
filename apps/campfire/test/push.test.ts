import { afterEach, beforeEach, expect, test } from "bun:test";
import webPush from "web-push";
import { mentionSgidFor } from "../src/models/rich-text/mentions.ts";
import { WebPushSender } from "../src/push/web-push-sender.ts";
import type { Browser } from "./support/browser.ts";
import { CableClient } from "./support/cable.ts";
import { JASON, KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";
import { PushService } from "./support/push-service.ts";

// Web Push (features.md §13): who is notified, the signed and encrypted request, expired subscriptions.
let campfire: RunningCampfire;
let service: PushService;
let david: Browser;
let jason: Browser;
let kevin: Browser;
const sockets: CableClient[] = [];
const ALL_TALK = 1;
const vapid = webPush.generateVAPIDKeys();

beforeEach(async () => {
  campfire = RunningCampfire.start({
    pushMayReachPrivateNetwork: true,
    env: {
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: "mailto:ops@example.com",
    },
  });
  service = new PushService(vapid.publicKey);
  [david, jason, kevin] = await setUpWith(campfire, JASON, KEVIN);
  for (const browser of [david, jason, kevin]) await browser.get(`/rooms/${ALL_TALK}`);
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await campfire.stop();
  await service.stop();
});

async function subscribe(browser: Browser, name: string): Promise<Response> {
  const page = await (await browser.get("/users/me/profile")).text();
  const token = page.match(/<meta name="csrf-token" content="([^"]+)">/)![1]!;
  return fetch(`${campfire.url}/users/me/push_subscriptions`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": token, cookie: browser.cookieHeader() },
    body: JSON.stringify({ push_subscription: service.subscription(name) }),
  });
}
const say = (browser: Browser, body: string, roomId = ALL_TALK) =>
  browser.post(`/rooms/${roomId}/messages`, { "message[body]": body });
async function pushes(count: number): Promise<string[]> {
  for (let index = 0; index < 40 && service.received.length < count; index++) await Bun.sleep(25);
  await Bun.sleep(30);
  return service.received.map((push) => push.subscription).sort();
}
const involve = (userId: number, level: string) =>
  campfire.db.run("UPDATE memberships SET involvement = ? WHERE user_id = ? AND room_id = ?", [
    level,
    userId,
    ALL_TALK,
  ]);

test("pages carry the VAPID key; subscribing stores the browser; malformed subscriptions are refused", async () => {
  expect(await (await david.get("/rooms/1")).text()).toContain(
    `<meta name="vapid-public-key" content="${vapid.publicKey}">`,
  );
  expect((await subscribe(jason, "jason-phone")).status).toBe(200);
  const row = campfire.db
    .query<{ endpoint: string; user_id: number }, []>("SELECT * FROM push_subscriptions")
    .get()!;
  expect(row.user_id).toBe(2);
  expect(campfire.count("push_subscriptions")).toBe(1);
  const bad = await fetch(`${campfire.url}/users/me/push_subscriptions`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: jason.cookieHeader() },
    body: "{}",
  });
  expect(bad.status).toBe(422);
  expect((await fetch(`${campfire.url}/service-worker.js`)).headers.get("content-type")).toContain(
    "javascript",
  );
  expect((await (await fetch(`${campfire.url}/webmanifest.json`)).json()).name).toBe("Campfire");
});

test("everything-level members get a signed, encrypted push; mentions-level only when mentioned; never the author", async () => {
  await subscribe(david, "david");
  await subscribe(jason, "jason");
  await subscribe(kevin, "kevin");
  involve(2, "everything");
  await say(david, "<div>Lunch?</div>");
  expect(await pushes(1)).toEqual(["jason"]);
  const [push] = service.received;
  expect(push!.urgency).toBe("high");
  expect(push!.jwt.aud).toBe(new URL(service.subscription("x").endpoint).origin);
  expect(push!.jwt.sub).toBe("mailto:ops@example.com");
  expect(push!.jwt.exp * 1000).toBeGreaterThan(Date.now());
  expect(push!.payload).toEqual({
    title: "All Talk",
    options: { body: "David: Lunch?", icon: "/account/logo", data: { path: `/rooms/${ALL_TALK}`, badge: 1 } },
  });
  service.received.length = 0;
  const mention = `<action-text-attachment sgid="${mentionSgidFor(3, "k")}" content-type="application/vnd.campfire.mention">@Kevin</action-text-attachment>`;
  await say(david, `<div>${mention} look</div>`);
  expect(await pushes(2)).toEqual(["jason", "kevin"]);
});

test("nothing and invisible are never notified, nor are members looking at the room", async () => {
  await subscribe(jason, "jason");
  await subscribe(kevin, "kevin");
  involve(2, "nothing");
  involve(3, "everything");
  const socket = await CableClient.connect(campfire.wsUrl, kevin);
  sockets.push(socket);
  socket.send({ command: "present", room_id: ALL_TALK });
  await Bun.sleep(50);
  await say(david, "<div>anyone?</div>");
  await Bun.sleep(100);
  expect(service.received).toEqual([]);
  involve(2, "invisible");
  socket.send({ command: "absent", room_id: ALL_TALK });
  await Bun.sleep(50);
  await say(david, "<div>now?</div>");
  expect(await pushes(1)).toEqual(["kevin"]);
});

test("a Ping is titled by its author", async () => {
  await subscribe(jason, "jason");
  await david.post("/rooms/directs", { "user_ids[]": ["2"] });
  const ping = campfire.db
    .query<{ id: number }, []>("SELECT id FROM rooms WHERE type = 'Rooms::Direct'")
    .get()!.id;
  await say(david, "<div>psst</div>", ping);
  await pushes(1);
  expect(service.received[0]!.payload).toMatchObject({
    title: "David",
    options: { body: "psst", data: { path: `/rooms/${ping}` } },
  });
});

test("subscriptions the push service calls gone (404, 410) are deleted; signing out forgets that browser", async () => {
  involve(2, "everything");
  involve(3, "everything");
  await subscribe(jason, "jason-old");
  await subscribe(kevin, "kevin");
  service.statuses.set("jason-old", 410);
  await say(david, "<div>one</div>");
  await pushes(2);
  expect(campfire.count("push_subscriptions WHERE user_id = 2")).toBe(0);
  expect(campfire.count("push_subscriptions WHERE user_id = 3")).toBe(1);
  const endpoint = campfire.db
    .query<{ endpoint: string }, []>("SELECT endpoint FROM push_subscriptions")
    .get()!.endpoint;
  await kevin.get("/users/me/profile");
  await kevin.post("/session", { _method: "DELETE", push_subscription_endpoint: endpoint });
  expect(campfire.count("push_subscriptions")).toBe(0);
});

test("without permission to reach private networks, a loopback push endpoint is never contacted", async () => {
  await campfire.stop();
  campfire = RunningCampfire.start({
    env: { VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
  });
  [david, jason] = await setUpWith(campfire, JASON);
  await david.get("/rooms/1");
  await subscribe(jason, "jason");
  involve(2, "everything");
  await say(david, "<div>hello</div>");
  await Bun.sleep(150);
  expect(service.received).toEqual([]);
});

test("the push goes to the address the guard checked: a made-up endpoint name is reached only through it", async () => {
  // rebind.test is made up: the system cannot resolve it, so only the checked answer reaches the service.
  const row = service.subscription("pinned");
  const endpoint = new URL(row.endpoint);
  endpoint.hostname = "rebind.test";
  const subscription = { ...row, endpoint: endpoint.href, id: 1, user_id: 1, user_agent: null };
  const keys = { ...vapid, subject: "mailto:ops@example.com" };
  const calls: string[] = [];
  const resolve = async (hostname: string) => {
    calls.push(hostname);
    return ["127.0.0.1"];
  };
  const db = undefined as unknown as ConstructorParameters<typeof WebPushSender>[0];
  const refused = new WebPushSender(db, { vapid: keys, allowPrivate: false, resolve });
  await expect(refused.send(subscription, JSON.stringify({ title: "no" }))).rejects.toThrow(
    "non-public address",
  );
  await new WebPushSender(db, { vapid: keys, allowPrivate: true, resolve }).send(
    subscription,
    JSON.stringify({ title: "yes" }),
  );
  expect(calls).toEqual(["rebind.test", "rebind.test"]);
  expect(service.received).toMatchObject([
    {
      subscription: "pinned",
      payload: { title: "yes" },
      jwt: { aud: `http://rebind.test:${endpoint.port}` },
    },
  ]);
});
