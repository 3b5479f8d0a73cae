import { afterEach, beforeEach, expect, test } from "bun:test";
import { Room } from "../src/models/room.ts";
import { findOrCreateDirectRoomFor } from "../src/models/rooms/direct.ts";
import { User } from "../src/models/user.ts";
import type { Browser } from "./support/browser.ts";
import { CableClient, settle } from "./support/cable.ts";
import { JASON, KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";

// Creating, editing, converting and deleting rooms (features.md §5, http.md §2.4) and their live
// sidebar entries (http.md §6).
let campfire: RunningCampfire;
let david: Browser;
let jason: Browser;
let kevin: Browser;
const sockets: CableClient[] = [];

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, jason, kevin] = await setUpWith(campfire, JASON, KEVIN);
  for (const browser of [david, jason, kevin]) await browser.get("/rooms/1");
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await campfire.stop();
});

async function listen(browser: Browser, ...streams: string[]): Promise<CableClient> {
  const socket = await CableClient.connect(campfire.wsUrl, browser);
  sockets.push(socket);
  for (const stream of streams) await socket.subscribe(stream);
  return socket;
}
const members = (roomId: number) => Room.find(campfire.db, roomId)!.memberships.userIds();
const roomNamed = (name: string) =>
  campfire.db
    .query<{ id: number; type: string }, [string]>("SELECT id, type FROM rooms WHERE name = ?")
    .get(name)!;

test("an open room holds everyone and appears live in every sidebar", async () => {
  const kevinSocket = await listen(kevin, "rooms");
  const created = await jason.post("/rooms/opens", { "room[name]": "HQ" });
  const hq = roomNamed("HQ");
  expect(created.headers.get("location")).toBe(`/rooms/${hq.id}`);
  expect(hq.type).toBe("Rooms::Open");
  expect(members(hq.id)).toEqual([1, 2, 3]);
  const stream = await kevinSocket.next((message) => message.type === "stream");
  expect(stream.html).toContain(`<turbo-stream action="prepend" target="shared_rooms">`);
  expect(stream.html).toContain(`id="list_rooms_open_${hq.id}"`);
});

test("a closed room holds its creator and the chosen, and only they hear of it", async () => {
  const jasonSocket = await listen(jason, "rooms", "user:2");
  const kevinSocket = await listen(kevin, "rooms", "user:3");
  await david.get("/rooms/closeds/new");
  await david.post("/rooms/closeds", { "room[name]": "Designers", "user_ids[]": ["2"] });
  const designers = roomNamed("Designers");
  expect(designers.type).toBe("Rooms::Closed");
  expect(members(designers.id)).toEqual([1, 2]);
  const stream = await jasonSocket.next(
    (message) => message.type === "stream" && message.stream === "user:2",
  );
  expect(stream.html).toContain(`id="list_rooms_closed_${designers.id}"`);
  await settle();
  expect(JSON.stringify(kevinSocket.received)).not.toContain("Designers");
});

test("only administrators and the creator may change a room; members see its settings read-only", async () => {
  await jason.post("/rooms/opens", { "room[name]": "Jason's" });
  const room = roomNamed("Jason's");
  const page = await (await kevin.get(`/rooms/opens/${room.id}/edit`)).text();
  expect(page).toContain("disabled");
  expect(page).not.toContain("Save changes");
  const refused = await kevin.post(`/rooms/opens/${room.id}`, { _method: "PATCH", "room[name]": "Kevin's" });
  expect(refused.status).toBe(403);
  expect((await kevin.post(`/rooms/${room.id}`, { _method: "DELETE" })).status).toBe(403);

  const rooms = await listen(kevin, "rooms");
  await david.get(`/rooms/opens/${room.id}/edit`);
  const renamed = await david.post(`/rooms/opens/${room.id}`, {
    _method: "PATCH",
    "room[name]": "Everyone's",
  });
  expect(renamed.status).toBe(302);
  expect(Room.find(campfire.db, room.id)!.name).toBe("Everyone's");
  const stream = await rooms.next((message) => message.type === "stream");
  expect(stream.html).toContain(`<turbo-stream action="replace" target="list_rooms_open_${room.id}">`);
  expect(stream.html).toContain("Everyone&#39;s");
});

test("saving the other kind's form converts a room: closed keeps the ticked, open grants everyone", async () => {
  await david.post("/rooms/opens", { "room[name]": "Lounge" });
  const lounge = roomNamed("Lounge");
  await david.post(`/rooms/closeds/${lounge.id}`, {
    _method: "PATCH",
    "room[name]": "Lounge",
    "user_ids[]": ["1", "3"],
  });
  expect(roomNamed("Lounge").type).toBe("Rooms::Closed");
  expect(members(lounge.id)).toEqual([1, 3]);
  // Jason no longer reaches it.
  expect((await jason.get(`/rooms/${lounge.id}`)).headers.get("location")).toBe("/");

  await david.post(`/rooms/opens/${lounge.id}`, { _method: "PATCH", "room[name]": "Lounge" });
  expect(roomNamed("Lounge").type).toBe("Rooms::Open");
  expect(members(lounge.id)).toEqual([1, 2, 3]);
});

test("a Ping is never converted, and deleting a room removes it and its messages for everyone", async () => {
  const ping = findOrCreateDirectRoomFor(campfire.db, User.find(campfire.db, 1)!, [
    User.find(campfire.db, 2)!,
  ]);
  const converted = await david.post(`/rooms/opens/${ping.id}`, { _method: "PATCH", "room[name]": "Sneaky" });
  expect(converted.status).toBe(302);
  expect(Room.find(campfire.db, ping.id)!.kind).toBe("direct");
  expect(members(ping.id)).toEqual([1, 2]);

  await david.post("/rooms/opens", { "room[name]": "Doomed" });
  const doomed = roomNamed("Doomed");
  await david.post(`/rooms/${doomed.id}/messages`, { "message[body]": "<div>last words</div>" });
  const rooms = await listen(kevin, "rooms");
  const deleted = await david.post(`/rooms/${doomed.id}`, { _method: "DELETE" });
  expect(deleted.headers.get("location")).toBe("/");
  expect(campfire.count("rooms WHERE id = ?", doomed.id)).toBe(0);
  expect(campfire.count("messages WHERE room_id = ?", doomed.id)).toBe(0);
  expect(campfire.count("memberships WHERE room_id = ?", doomed.id)).toBe(0);
  const stream = await rooms.next((message) => message.type === "stream");
  expect(stream.html).toContain(`<turbo-stream action="remove" target="list_rooms_open_${doomed.id}">`);

  // Anyone in a Ping may delete it, but the Ping path deletes nothing else.
  expect((await jason.post(`/rooms/directs/${ping.id}`, { _method: "DELETE" })).status).toBe(302);
  expect(Room.find(campfire.db, ping.id)).toBeNull();
  expect((await jason.post("/rooms/directs/1", { _method: "DELETE" })).status).toBe(302);
  expect(Room.find(campfire.db, 1)).not.toBeNull();
});

test("room creation can be restricted to administrators", async () => {
  campfire.db.run(`UPDATE accounts SET settings = '{"restrict_room_creation_to_administrators":true}'`);
  expect((await jason.get("/rooms/opens/new")).status).toBe(403);
  expect((await jason.post("/rooms/closeds", { "room[name]": "Nope" })).status).toBe(403);
  expect(await (await jason.get("/rooms/1")).text()).not.toContain('aria-label="New room"');
  expect((await david.get("/rooms/opens/new")).status).toBe(200);
});
