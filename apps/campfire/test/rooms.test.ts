import { afterEach, beforeEach, expect, test } from "bun:test";
import { createClosedRoom } from "../src/models/rooms/closed.ts";
import { findOrCreateDirectRoomFor } from "../src/models/rooms/direct.ts";
import { User } from "../src/models/user.ts";
import type { Browser } from "./support/browser.ts";
import { JASON, KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";

let campfire: RunningCampfire;
let david: Browser;
let jason: Browser;
beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, jason] = await setUpWith(campfire, JASON, KEVIN);
});
afterEach(() => campfire.stop());

const user = (id: number) => User.find(campfire.db, id)!;

test("a closed room is invisible to people who are not in it", async () => {
  const secret = createClosedRoom(campfire.db, { name: "Secret plans", creator: user(1), users: [] });
  const page = await jason.get(`/rooms/${secret.id}`);
  expect(page.status).toBe(302);
  expect(page.headers.get("location")).toBe("/");
  // The redirect carries the original's alert to the next page.
  const home = await jason.get("/");
  const landing = await jason.get(home.headers.get("location")!);
  const html = await landing.text();
  expect(html).toContain("Room not found or inaccessible");
  expect(html).not.toContain("Secret plans");

  await jason.get("/rooms/1");
  const post = await jason.post(`/rooms/${secret.id}/messages`, { "message[body]": "<div>let me in</div>" });
  expect(await post.text()).toContain("This room was deleted.");
  expect(campfire.count("messages")).toBe(0);

  // Its members see it, administrators only because they are members.
  expect((await david.get(`/rooms/${secret.id}`)).status).toBe(200);
});

test("unknown rooms and administrators outside a room are treated the same way", async () => {
  expect((await david.get("/rooms/999")).headers.get("location")).toBe("/");
  const jasonsRoom = createClosedRoom(campfire.db, { name: "Jason's", creator: user(2), users: [] });
  expect((await david.get(`/rooms/${jasonsRoom.id}`)).headers.get("location")).toBe("/");
});

test("a Ping is someone else's business", async () => {
  const ping = findOrCreateDirectRoomFor(campfire.db, user(1), [user(3)]);
  expect((await jason.get(`/rooms/${ping.id}`)).headers.get("location")).toBe("/");
  expect((await david.get(`/rooms/${ping.id}`)).status).toBe(200);
});

test("pinging the same people finds the same room, whoever starts it", async () => {
  await david.get("/rooms/1");
  const first = await david.post("/rooms/directs", { "user_ids[]": ["2"] });
  const again = await david.post("/rooms/directs", { "user_ids[]": ["2"] });
  expect(again.headers.get("location")).toBe(first.headers.get("location")!);

  await jason.get("/rooms/1");
  const fromJason = await jason.post("/rooms/directs", { "user_ids[]": ["1"] });
  expect(fromJason.headers.get("location")).toBe(first.headers.get("location")!);

  const trio = await david.post("/rooms/directs", { "user_ids[]": ["2", "3"] });
  expect(trio.headers.get("location")).not.toBe(first.headers.get("location")!);
  expect(campfire.count("rooms WHERE type = 'Rooms::Direct'")).toBe(2);

  const roomId = Number(first.headers.get("location")!.split("/").at(-1));
  const pingMembers = campfire.db
    .query<{ user_id: number; involvement: string }, [number]>(
      "SELECT user_id, involvement FROM memberships WHERE room_id = ? ORDER BY user_id",
    )
    .all(roomId);
  expect(pingMembers).toEqual([
    { user_id: 1, involvement: "everything" },
    { user_id: 2, involvement: "everything" },
  ]);
  const page = await (await david.get(`/rooms/${roomId}`)).text();
  expect(page).toContain(`id="messages_rooms_direct_${roomId}"`);
  expect(page).toContain("<h1>Jason</h1>");
});

test("/ returns to the last room visited", async () => {
  const designers = createClosedRoom(campfire.db, { name: "Designers", creator: user(1), users: [] });
  await david.get(`/rooms/${designers.id}`);
  expect((await david.get("/")).headers.get("location")).toBe(`/rooms/${designers.id}`);
  expect(david.cookie("last_room")).toBe(String(designers.id));
});

test("someone in no rooms at all sees the empty page", async () => {
  campfire.db.run("DELETE FROM memberships WHERE user_id = 2");
  const page = await jason.get("/");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("No rooms yet");
});
