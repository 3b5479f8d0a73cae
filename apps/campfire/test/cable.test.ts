import { afterEach, beforeEach, expect, test } from "bun:test";
import { Membership } from "../src/models/membership.ts";
import { createClosedRoom } from "../src/models/rooms/closed.ts";
import { findOrCreateDirectRoomFor } from "../src/models/rooms/direct.ts";
import { User } from "../src/models/user.ts";
import type { Browser } from "./support/browser.ts";
import { CableClient, settle } from "./support/cable.ts";
import { JASON, KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";

// The /cable socket's permission rules (security.md §2.5, §8) and what travels on it (http.md §6).
let campfire: RunningCampfire;
let david: Browser;
let jason: Browser;
let kevin: Browser;
const sockets: CableClient[] = [];
const ALL_TALK = 1;

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, jason, kevin] = await setUpWith(campfire, JASON, KEVIN);
  await david.get(`/rooms/${ALL_TALK}`);
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await campfire.stop();
});

const user = (id: number) => User.find(campfire.db, id)!;
async function connect(browser: Browser): Promise<CableClient> {
  const socket = await CableClient.connect(campfire.wsUrl, browser);
  sockets.push(socket);
  return socket;
}

test("the socket opens only with a valid session cookie from our own origin", async () => {
  await expect(CableClient.connect(campfire.wsUrl, null)).rejects.toThrow();
  await expect(
    CableClient.connect(campfire.wsUrl, null, { cookie: "session_token=forged.signature" }),
  ).rejects.toThrow();
  await expect(
    CableClient.connect(campfire.wsUrl, david, { origin: "https://evil.example" }),
  ).rejects.toThrow();
  const plain = await fetch(`${campfire.url}/cable`);
  expect(plain.status).toBe(401);
  expect((await connect(david)).received[0]).toEqual({ type: "welcome" });
});

test("nobody can subscribe to a closed room or Ping they are not in, or to someone else's stream", async () => {
  const secret = createClosedRoom(campfire.db, { name: "Secret", creator: user(1), users: [] });
  const ping = findOrCreateDirectRoomFor(campfire.db, user(1), [user(3)]);
  const socket = await connect(jason);
  expect(await socket.subscribe(`room:${secret.id}`)).toBe("reject");
  expect(await socket.subscribe(`room:${ping.id}`)).toBe("reject");
  expect(await socket.subscribe("room:999")).toBe("reject");
  expect(await socket.subscribe("user:1")).toBe("reject");
  expect(await socket.subscribe("campfire:revocations")).toBe("reject");
  expect(await socket.subscribe(`room:${ALL_TALK}`)).toBe("confirm");
  expect(await socket.subscribe("user:2")).toBe("confirm");
  expect(await socket.subscribe("rooms")).toBe("confirm");

  await david.post(`/rooms/${secret.id}/messages`, { "message[body]": "<div>hush</div>" });
  await david.post(`/rooms/${ping.id}/messages`, { "message[body]": "<div>psst kevin</div>" });
  await settle();
  expect(JSON.stringify(socket.received)).not.toContain("hush");
  expect(JSON.stringify(socket.received)).not.toContain("psst");
  // Not even the unread signal reaches outsiders.
  expect(socket.on("user:2").filter((message) => message.type === "unread")).toHaveLength(0);

  // Presence and typing for a room you're not in do nothing.
  socket.send({ command: "present", room_id: secret.id });
  socket.send({ command: "typing", room_id: secret.id, action: "start" });
  await settle();
  expect(Membership.find(campfire.db, secret.id, 2)).toBeNull();
});

test("a posted message reaches the room's subscribers as a Turbo Stream, and every member's sidebar", async () => {
  const jasonSocket = await connect(jason);
  await jasonSocket.subscribe(`room:${ALL_TALK}`);
  await jasonSocket.subscribe("user:2");
  const davidSocket = await connect(david);
  await davidSocket.subscribe("user:1");

  await david.post(`/rooms/${ALL_TALK}/messages`, {
    "message[body]": "<div>Is this thing on?</div>",
    "message[client_message_id]": "live1",
  });
  const stream = await jasonSocket.next((message) => message.type === "stream");
  expect(stream.stream).toBe(`room:${ALL_TALK}`);
  expect(stream.html).toContain(`<turbo-stream action="append" target="messages_rooms_open_${ALL_TALK}">`);
  expect(stream.html).toContain('id="message_live1"');
  expect(stream.html).toContain("Is this thing on?");
  expect(stream.html).toContain(`href="/rooms/${ALL_TALK}/@1"`);
  expect(await jasonSocket.next((message) => message.type === "unread")).toMatchObject({ roomId: ALL_TALK });
  // The author's other tabs hear about it too.
  expect(await davidSocket.next((message) => message.type === "unread")).toMatchObject({ roomId: ALL_TALK });
});

test("a present member gets no unread mark; closing the page's socket makes them absent", async () => {
  const socket = await connect(jason);
  await socket.subscribe("user:2");
  socket.send({ command: "present", room_id: ALL_TALK });
  await socket.next((message) => message.type === "read");
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.isConnected()).toBe(true);

  await david.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div>while you watch</div>" });
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.isUnread).toBe(false);

  socket.send({ command: "absent", room_id: ALL_TALK });
  await settle();
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.isConnected()).toBe(false);
  socket.send({ command: "present", room_id: ALL_TALK });
  await settle();
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.connections).toBe(1);
  socket.close();
  await Bun.sleep(100);
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.isConnected()).toBe(false);
  await david.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div>gone now</div>" });
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.isUnread).toBe(true);
});

test("two tabs count as two connections; one closing keeps the member connected", async () => {
  const first = await connect(jason);
  const second = await connect(jason);
  first.send({ command: "present", room_id: ALL_TALK });
  second.send({ command: "present", room_id: ALL_TALK });
  await settle();
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.connections).toBe(2);
  first.close();
  await Bun.sleep(100);
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.isConnected()).toBe(true);
});

test("typing notices reach the room with the typist's id and name", async () => {
  const kevinSocket = await connect(kevin);
  await kevinSocket.subscribe(`room:${ALL_TALK}`);
  const jasonSocket = await connect(jason);
  jasonSocket.send({ command: "typing", room_id: ALL_TALK, action: "start" });
  expect(await kevinSocket.next((message) => message.type === "typing")).toEqual({
    type: "typing",
    stream: `room:${ALL_TALK}`,
    room_id: ALL_TALK,
    action: "start",
    user: { id: 2, name: "Jason" },
  });
});

test("someone removed from a closed room stops receiving it at once and cannot subscribe again", async () => {
  const designers = createClosedRoom(campfire.db, { name: "Designers", creator: user(1), users: [user(2)] });
  const socket = await connect(jason);
  expect(await socket.subscribe(`room:${designers.id}`)).toBe("confirm");
  await socket.subscribe("user:2");

  await david.get(`/rooms/closeds/${designers.id}/edit`);
  const saved = await david.post(`/rooms/closeds/${designers.id}`, {
    _method: "PATCH",
    "room[name]": "Designers",
    "user_ids[]": ["1"],
  });
  expect(saved.status).toBe(302);
  expect(await socket.next((message) => message.type === "revoked")).toEqual({
    type: "revoked",
    room_id: designers.id,
  });
  const removal = await socket.next((message) => message.type === "stream" && message.stream === "user:2");
  expect(removal.html).toContain(`action="remove" target="list_rooms_closed_${designers.id}"`);

  await david.post(`/rooms/${designers.id}/messages`, { "message[body]": "<div>after you left</div>" });
  await settle();
  expect(JSON.stringify(socket.received)).not.toContain("after you left");
  expect(await socket.subscribe(`room:${designers.id}`)).toBe("reject");
});

test("with the socket closed mid-subscribe nothing leaks and the server stays up", async () => {
  const socket = await connect(jason);
  socket.send({ command: "subscribe", stream: `room:${ALL_TALK}` });
  socket.send({ nonsense: true });
  socket.close();
  await settle();
  expect((await fetch(`${campfire.url}/session/new`)).status).toBe(200);
});
