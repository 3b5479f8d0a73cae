import { afterEach, beforeEach, expect, test } from "bun:test";
import { Membership } from "../src/models/membership.ts";
import { findOrCreateDirectRoomFor } from "../src/models/rooms/direct.ts";
import { User } from "../src/models/user.ts";
import type { Browser } from "./support/browser.ts";
import { CableClient, settle } from "./support/cable.ts";
import { RunningCampfire, setUpWith } from "./support/campfire.ts";

// The bell (features.md §6), the sidebar frame and @mention suggestions (§8).
let campfire: RunningCampfire;
let david: Browser;
let jason: Browser;
let socket: CableClient | null = null;
const ALL_TALK = 1;

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, jason] = await setUpWith(campfire, ["Jason <3", "jason@example.com"]);
  await jason.get(`/rooms/${ALL_TALK}`);
});
afterEach(async () => {
  socket?.close();
  await campfire.stop();
});

const involvementOf = (roomId: number, userId: number) =>
  Membership.find(campfire.db, roomId, userId)!.involvement;
const setInvolvement = (browser: Browser, roomId: number, level: string) =>
  browser.post(`/rooms/${roomId}/involvement?involvement=${level}`, { _method: "PUT" });

test("the bell cycles mentions → everything → nothing → invisible in a shared room", async () => {
  const bell = await (await jason.get(`/rooms/${ALL_TALK}/involvement`)).text();
  expect(bell).toContain(`<turbo-frame id="involvement_rooms_open_${ALL_TALK}"`);
  expect(bell).toContain("involvement=everything");
  expect(bell).toContain('aria-label="Notifying about @ mentions"');
  const changed = await setInvolvement(jason, ALL_TALK, "everything");
  expect(changed.headers.get("location")).toBe(`/rooms/${ALL_TALK}/involvement`);
  expect(involvementOf(ALL_TALK, 2)).toBe("everything");
  expect(await (await jason.get(`/rooms/${ALL_TALK}/involvement`)).text()).toContain("involvement=nothing");
  expect((await setInvolvement(jason, ALL_TALK, "loud")).status).toBe(422);
});

test("invisible takes the room out of your sidebar live, and out of unread marks", async () => {
  socket = await CableClient.connect(campfire.wsUrl, jason);
  await socket.subscribe("user:2");
  await setInvolvement(jason, ALL_TALK, "invisible");
  const removal = await socket.next((message) => message.type === "stream");
  expect(removal.html).toBe(
    `<turbo-stream action="remove" target="list_rooms_open_${ALL_TALK}"><template></template></turbo-stream>`,
  );
  expect(await (await jason.get("/users/me/sidebar")).text()).not.toContain(`list_rooms_open_${ALL_TALK}`);

  await david.get(`/rooms/${ALL_TALK}`);
  await david.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div>quiet</div>" });
  expect(Membership.find(campfire.db, ALL_TALK, 2)!.isUnread).toBe(false);

  await setInvolvement(jason, ALL_TALK, "mentions");
  const back = await socket.next(
    (message) => message.type === "stream" && String(message.html).includes("prepend"),
  );
  expect(back.html).toContain(`<turbo-stream action="prepend" target="shared_rooms">`);
  // Between visible levels nothing is broadcast.
  const before = socket.received.length;
  await setInvolvement(jason, ALL_TALK, "everything");
  await settle();
  expect(socket.received.length).toBe(before);
});

test("a Ping's bell only goes between everything and nothing, without broadcasts", async () => {
  const ping = findOrCreateDirectRoomFor(campfire.db, User.find(campfire.db, 1)!, [
    User.find(campfire.db, 2)!,
  ]);
  expect(involvementOf(ping.id, 2)).toBe("everything");
  expect(await (await jason.get(`/rooms/${ping.id}/involvement`)).text()).toContain("involvement=nothing");
  expect((await setInvolvement(jason, ping.id, "invisible")).status).toBe(422);
  await setInvolvement(jason, ping.id, "nothing");
  expect(involvementOf(ping.id, 2)).toBe("nothing");
  expect((await setInvolvement(jason, 999, "nothing")).status).toBe(404);
});

test("@mention suggestions: the room's members, escaped, and nothing from rooms you're not in", async () => {
  const response = await david.get(`/autocompletable/users?room_id=${ALL_TALK}&query=jas`);
  const users = (await response.json()) as { name: string; value: number; sgid: string }[];
  expect(users.map((user) => [user.name, user.value])).toEqual([["Jason &lt;3", 2]]);
  expect(users[0]!.sgid).toMatch(/^[A-Za-z0-9+/=]+--[0-9a-f]{64}$/);
  const everyone = (await (await david.get("/autocompletable/users")).json()) as unknown[];
  expect(everyone).toHaveLength(2);
  const ping = findOrCreateDirectRoomFor(campfire.db, User.find(campfire.db, 1)!, []);
  expect((await jason.get(`/autocompletable/users?room_id=${ping.id}`)).status).toBe(404);
});

test("a mention is stored the Action Text way, reads as @Name, and renders as a chip", async () => {
  const [jasonSuggestion] = (await (
    await david.get(`/autocompletable/users?room_id=${ALL_TALK}&query=jas`)
  ).json()) as {
    sgid: string;
  }[];
  await david.get(`/rooms/${ALL_TALK}`);
  await david.post(`/rooms/${ALL_TALK}/messages`, {
    "message[body]": `<div>Hi <action-text-attachment sgid="${jasonSuggestion!.sgid}" content-type="application/vnd.campfire.mention"></action-text-attachment> see https://example.com/a?b=1</div>`,
  });
  const hit = campfire.db.query<{ body: string }, []>("SELECT body FROM message_search_index").get()!;
  expect(hit.body).toContain("Hi @Jason <3");
  const page = await (await jason.get(`/rooms/${ALL_TALK}`)).text();
  expect(page).toContain('<span class="mention" data-user-id="2">');
  expect(page).toContain("Jason &lt;3</span>");
  expect(page).toContain(
    '<a href="https://example.com/a?b=1" target="_blank" rel="noreferrer">https://example.com/a?b=1</a>',
  );
  const editor = await (await david.get(`/rooms/${ALL_TALK}/messages/1/edit`)).text();
  expect(editor).toContain("data-trix-attachment=");
});
