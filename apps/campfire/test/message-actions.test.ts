import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { CableClient } from "./support/cable.ts";
import { JASON, KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";

// Editing, deleting, history and catch-up (features.md §7.5, §7.6) and boosts (§9).
let campfire: RunningCampfire;
let david: Browser;
let jason: Browser;
let kevin: Browser;
let socket: CableClient | null = null;
const ALL_TALK = 1;

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, jason, kevin] = await setUpWith(campfire, JASON, KEVIN);
  for (const browser of [david, jason, kevin]) await browser.get(`/rooms/${ALL_TALK}`);
});
afterEach(async () => {
  socket?.close();
  socket = null;
  await campfire.stop();
});

async function post(browser: Browser, text: string, clientId: string): Promise<number> {
  await browser.post(`/rooms/${ALL_TALK}/messages`, {
    "message[body]": `<div>${text}</div>`,
    "message[client_message_id]": clientId,
  });
  return campfire.db
    .query<{ id: number }, [string]>("SELECT id FROM messages WHERE client_message_id = ?")
    .get(clientId)!.id;
}
async function watch(browser: Browser): Promise<CableClient> {
  socket = await CableClient.connect(campfire.wsUrl, browser);
  await socket.subscribe(`room:${ALL_TALK}`);
  return socket;
}
const path = (id: number) => `/rooms/${ALL_TALK}/messages/${id}`;

test("authors edit their own messages and everyone sees the new text replace the old", async () => {
  const id = await post(jason, "Third time's a charm.", "third");
  const room = await watch(kevin);
  const editor = await (await jason.get(`${path(id)}/edit`)).text();
  expect(editor).toContain('<turbo-frame id="edit_message_third">');
  const saved = await jason.post(path(id), { _method: "PATCH", "message[body]": "<div>Redacted!</div>" });
  expect(saved.status).toBe(303);
  expect(saved.headers.get("location")).toBe(path(id));
  const stream = await room.next((message) => message.type === "stream");
  expect(stream.html).toContain(
    '<turbo-stream action="replace" target="presentation_message_third" maintain_scroll>',
  );
  expect(stream.html).toContain("Redacted!");
  const hits = campfire.db.query("SELECT rowid FROM message_search_index WHERE body MATCH 'redacted'").all();
  expect(hits).toHaveLength(1);
});

test("others may not edit or delete someone's message, administrators may", async () => {
  const id = await post(jason, "mine", "m1");
  expect((await kevin.get(`${path(id)}/edit`)).status).toBe(403);
  expect((await kevin.post(path(id), { _method: "PATCH", "message[body]": "<div>x</div>" })).status).toBe(
    403,
  );
  expect((await kevin.post(path(id), { _method: "DELETE" })).status).toBe(403);
  const room = await watch(kevin);
  const removed = await david.post(
    path(id),
    { _method: "DELETE" },
    { headers: { accept: "text/vnd.turbo-stream.html" } },
  );
  expect(await removed.text()).toContain('<turbo-stream action="remove" target="message_m1">');
  const stream = await room.next((message) => message.type === "stream");
  expect(stream.html).toContain('<turbo-stream action="remove" target="message_m1">');
  expect(campfire.count("messages")).toBe(0);
  expect(campfire.count("message_search_index")).toBe(0);
});

test("history pages 40 at a time in both directions, with 204 at the ends", async () => {
  for (let n = 1; n <= 45; n++) await post(david, `message ${n}`, `c${n}`);
  const page = await (await david.get(`/rooms/${ALL_TALK}`)).text();
  expect(page.match(/class="message /g)).toHaveLength(40);
  expect(page).not.toContain("message 5<");
  const older = await (await david.get(`/rooms/${ALL_TALK}/messages?before=6`)).text();
  expect([...older.matchAll(/id="message_(c\d+)"/g)].map((match) => match[1])).toEqual([
    "c1",
    "c2",
    "c3",
    "c4",
    "c5",
  ]);
  expect((await david.get(`/rooms/${ALL_TALK}/messages?before=1`)).status).toBe(204);
  const newer = await (await david.get(`/rooms/${ALL_TALK}/messages?after=43`)).text();
  expect([...newer.matchAll(/id="message_(c\d+)"/g)].map((match) => match[1])).toEqual(["c44", "c45"]);
  expect((await david.get(`/rooms/${ALL_TALK}/messages?after=45`)).status).toBe(204);
});

test("a permalink opens the room around the message, highlighted", async () => {
  for (let n = 1; n <= 90; n++) await post(david, `message ${n}`, `p${n}`);
  const page = await (await david.get(`/rooms/${ALL_TALK}/@3`)).text();
  expect(page).toContain('id="message_p3" class="message search-highlight"');
  expect(page).toContain('data-up-to-date="false"');
  expect(page.match(/class="message /g)).toHaveLength(43);
  expect(await (await david.get(`/rooms/${ALL_TALK}/@89`)).text()).toContain('data-up-to-date="true"');
  expect((await kevin.get("/rooms/999/@3")).headers.get("location")).toBe("/");
});

test("catch-up returns what was posted and what changed since a moment", async () => {
  const old = await post(david, "old news", "old");
  campfire.db.run(
    "UPDATE messages SET created_at = '2020-01-01 00:00:00.000000', updated_at = '2020-01-01 00:00:00.000000'",
  );
  const since = Date.now() - 1000;
  await post(jason, "fresh", "fresh");
  await kevin.post(`/messages/${old}/boosts`, { "boost[content]": "🎉" });
  const response = await kevin.get(`/rooms/${ALL_TALK}/refresh?since=${since}`);
  const streams = await response.text();
  expect(response.headers.get("content-type")).toContain("text/vnd.turbo-stream.html");
  expect(streams).toContain('<turbo-stream action="append" target="messages_rooms_open_1">');
  expect(streams).toContain('id="message_fresh"');
  expect(streams).toContain('<turbo-stream action="replace" target="message_old">');
  expect(streams).toContain("🎉");
});

test("boosts: up to 16 characters, live for everyone, removable only by their booster", async () => {
  const id = await post(david, "Hello", "hello");
  const room = await watch(kevin);
  expect((await jason.post(`/messages/${id}/boosts`, { "boost[content]": "x".repeat(17) })).status).toBe(422);
  expect((await jason.post(`/messages/${id}/boosts`, { "boost[content]": "   " })).status).toBe(422);
  const given = await jason.post(`/messages/${id}/boosts`, { "boost[content]": "Good morning" });
  expect(given.headers.get("location")).toBe(`/messages/${id}/boosts`);
  const stream = await room.next((message) => message.type === "stream");
  expect(stream.html).toContain(
    '<turbo-stream action="append" target="boosts_message_hello" maintain_scroll>',
  );
  expect(stream.html).toContain("Good morning");
  const boostId = campfire.db.query<{ id: number }, []>("SELECT id FROM boosts").get()!.id;
  expect(await (await jason.get(`/messages/${id}/boosts`)).text()).toContain(
    '<turbo-frame id="boosting_message_hello"',
  );

  // Not even an administrator removes someone else's boost.
  expect((await david.post(`/messages/${id}/boosts/${boostId}`, { _method: "DELETE" })).status).toBe(404);
  expect((await jason.post(`/messages/${id}/boosts/${boostId}`, { _method: "DELETE" })).status).toBe(204);
  const removal = await room.next(
    (message) => message.type === "stream" && String(message.html).includes("remove"),
  );
  expect(removal.html).toContain(`target="boost_${boostId}"`);
});

test("/play makes a sound message; other text stays text", async () => {
  await post(david, "/play tada", "s1");
  await post(david, "/play nosuchsound", "s2");
  const page = await (await david.get(`/rooms/${ALL_TALK}`)).text();
  expect(page).toContain('data-sound="tada"');
  expect(page).toContain("/play nosuchsound");
  const wav = await david.get("/assets/sounds/tada.wav");
  expect(wav.headers.get("content-type")).toBe("audio/wav");
  expect(new TextDecoder().decode((await wav.arrayBuffer()).slice(0, 4))).toBe("RIFF");
  expect((await david.get("/assets/sounds/nosuchsound.wav")).status).toBe(404);
});
