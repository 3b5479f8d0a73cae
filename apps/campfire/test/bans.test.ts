import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { CableClient } from "./support/cable.ts";
import { joinAccount, joinCodeOf, RunningCampfire, setUp } from "./support/campfire.ts";

// Banning (features.md §4.6, security.md §4). The test server sees loopback peers, which it trusts
// as proxies, so X-Forwarded-For stands for the client's public address.
let campfire: RunningCampfire;
let david: Browser;
let kevin: Browser;
const sockets: CableClient[] = [];
const KEVIN_IP = "93.184.216.34";

beforeEach(async () => {
  campfire = RunningCampfire.start();
  david = await setUp(campfire);
  const joined = campfire.browser({ "x-forwarded-for": KEVIN_IP });
  await joined.get(`/join/${joinCodeOf(campfire)}`);
  await joined.post(`/join/${joinCodeOf(campfire)}`, {
    "user[name]": "Kevin",
    "user[email_address]": "kevin@example.com",
    "user[password]": "secret123456",
  });
  kevin = joined;
  await joinAccount(campfire, "Jason", "jason@example.com");
  await david.get("/rooms/1");
  await kevin.get("/rooms/1");
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await campfire.stop();
});

test("a ban blocks the person's public addresses, signs them out, closes their pages and removes their messages live", async () => {
  await kevin.post("/rooms/1/messages", {
    "message[body]": "<div>spam</div>",
    "message[client_message_id]": "spam1",
  });
  await kevin.post("/rooms/1/messages", {
    "message[body]": "<div>more spam</div>",
    "message[client_message_id]": "spam2",
  });
  // A second session from a private address: not something to ban.
  campfire.db.run(
    "INSERT INTO sessions (user_id, token, ip_address, last_active_at, created_at, updated_at) VALUES (2, 'lan', '10.0.0.5', '2026-01-01', '2026-01-01', '2026-01-01')",
  );
  const watcher = await CableClient.connect(campfire.wsUrl, david);
  sockets.push(watcher);
  await watcher.subscribe("room:1");
  const kevinSocket = await CableClient.connect(campfire.wsUrl, kevin);
  sockets.push(kevinSocket);
  await david.get("/users/2");
  expect((await kevin.post("/users/1/ban", {})).status).toBe(403);
  const banned = await david.post("/users/2/ban", {});
  expect(banned.headers.get("location")).toBe("/users/2");
  expect(await kevinSocket.closed).toBe(4401);
  const bans = campfire.db
    .query<{ ip_address: string }, []>("SELECT ip_address FROM bans WHERE user_id = 2")
    .all();
  expect(bans).toEqual([{ ip_address: KEVIN_IP }]);
  expect(campfire.count("sessions WHERE user_id = 2")).toBe(0);
  expect(campfire.count("messages WHERE creator_id = 2")).toBe(0);
  expect(campfire.count("memberships WHERE user_id = 2")).toBeGreaterThan(0);
  await watcher.next((message) => String(message.html).includes('target="message_spam2"'));
  expect(await (await david.get("/users/2")).text()).toContain("Remove ban");
  // Anyone at that address may read but not change anything; elsewhere people carry on.
  const neighbour = campfire.browser({ "x-forwarded-for": KEVIN_IP });
  expect((await neighbour.get("/session/new")).status).toBe(200);
  expect(
    (await neighbour.post("/session", { email_address: "jason@example.com", password: "secret123456" }))
      .status,
  ).toBe(429);
  expect((await david.post("/rooms/1/messages", { "message[body]": "<div>still here</div>" })).status).toBe(
    303,
  );
  // Banned people can't sign in.
  const again = campfire.browser();
  await again.get("/session/new");
  expect(
    (await again.post("/session", { email_address: "kevin@example.com", password: "secret123456" })).status,
  ).toBe(401);
});

test("removing a ban unblocks the addresses and lets the person back in; only administrators may", async () => {
  await david.get("/users/2");
  await david.post("/users/2/ban", {});
  await david.get("/users/2");
  const jason = await joinAccount(campfire, "Jay", "jay@example.com");
  await jason.get("/users/2");
  expect((await jason.post("/users/2/ban", { _method: "DELETE" })).status).toBe(403);
  const lifted = await david.post("/users/2/ban", { _method: "DELETE" });
  expect(lifted.headers.get("location")).toBe("/users/2");
  expect(campfire.count("bans")).toBe(0);
  const back = campfire.browser({ "x-forwarded-for": KEVIN_IP });
  await back.get("/session/new");
  expect(
    (await back.post("/session", { email_address: "kevin@example.com", password: "secret123456" })).status,
  ).toBe(302);
  expect((await david.post("/users/1/ban", {})).status).toBe(403);
});
