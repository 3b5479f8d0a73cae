import { afterEach, beforeEach, expect, test } from "bun:test";
import { createClosedRoom } from "../src/models/rooms/closed.ts";
import { createOpenRoom } from "../src/models/rooms/open.ts";
import { User } from "../src/models/user.ts";
import type { Browser } from "./support/browser.ts";
import { joinAccount, joinAs, joinCodeOf, PASSWORD, RunningCampfire, setUp } from "./support/campfire.ts";

let campfire: RunningCampfire;
let admin: Browser;
beforeEach(async () => {
  campfire = RunningCampfire.start();
  admin = await setUp(campfire);
});
afterEach(() => campfire.stop());

test("the join link makes a member of every open room, and only those", async () => {
  const david = User.find(campfire.db, 1)!;
  const hq = createOpenRoom(campfire.db, { name: "HQ", creator: david });
  const designers = createClosedRoom(campfire.db, { name: "Designers", creator: david, users: [] });

  const jason = await joinAccount(campfire, "Jason", "jason@example.com");
  const user = campfire.db
    .query<{ id: number; role: number }, [string]>("SELECT * FROM users WHERE email_address = ?")
    .get("jason@example.com")!;
  expect(user.role).toBe(0);
  const rooms = campfire.db
    .query<{ room_id: number; involvement: string }, [number]>(
      "SELECT room_id, involvement FROM memberships WHERE user_id = ? ORDER BY room_id",
    )
    .all(user.id);
  expect(rooms).toEqual([
    { room_id: 1, involvement: "mentions" },
    { room_id: hq.id, involvement: "mentions" },
  ]);
  expect(rooms.map((room) => room.room_id)).not.toContain(designers.id);
  expect((await jason.get("/")).headers.get("location")).toMatch(/^\/rooms\/\d+$/);
});

test("a wrong code is not found, and signed-in people are sent home", async () => {
  const stranger = campfire.browser();
  expect((await stranger.get("/join/AAAA-BBBB-CCCC")).status).toBe(404);
  const signedIn = await admin.get(`/join/${joinCodeOf(campfire)}`);
  expect(signedIn.status).toBe(302);
  expect(signedIn.headers.get("location")).toBe("/");
});

test("joining with an email that already has an account goes to sign in", async () => {
  const code = joinCodeOf(campfire);
  const browser = campfire.browser();
  await browser.get(`/join/${code}`);
  const response = await browser.post(`/join/${code}`, {
    "user[name]": "Impostor",
    "user[email_address]": "david@example.com",
    "user[password]": PASSWORD,
  });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/session/new?email_address=david%40example.com");
  expect(campfire.count("users")).toBe(1);
});

test("an administrator regenerates the join code and the old link stops working", async () => {
  const oldCode = joinCodeOf(campfire);
  await admin.get("/account/edit");
  const response = await admin.post("/account/join_code", {});
  expect(response.headers.get("location")).toBe("/account/edit");
  const newCode = joinCodeOf(campfire);
  expect(newCode).not.toBe(oldCode);
  expect(newCode).toMatch(/^\w{4}-\w{4}-\w{4}$/);

  const visitor = campfire.browser();
  expect((await visitor.get(`/join/${oldCode}`)).status).toBe(404);
  expect((await visitor.get(`/join/${newCode}`)).status).toBe(200);
  const page = await admin.get("/account/edit");
  expect(await page.text()).toContain(`/join/${newCode}`);
});

test("members see the join link but may not regenerate it", async () => {
  const code = joinCodeOf(campfire);
  const member = await joinAs(campfire, code, "Jason", "jason@example.com");
  const page = await member.get("/account/edit");
  const html = await page.text();
  expect(html).toContain(`/join/${code}`);
  expect(html).not.toContain("Regenerate link");
  const response = await member.post("/account/join_code", {});
  expect(response.status).toBe(403);
  expect(joinCodeOf(campfire)).toBe(code);
});
