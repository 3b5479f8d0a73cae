import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { CableClient } from "./support/cable.ts";
import { KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";
import { png } from "./support/images.ts";

// The bot API (http.md §2.6, features.md §15) and bot administration (§4.7).
let campfire: RunningCampfire;
let david: Browser;
let kevin: Browser;
let key: string;
const sockets: CableClient[] = [];
const ALL_TALK = 1;

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, kevin] = await setUpWith(campfire, KEVIN);
  await david.get("/account/bots/new");
  const created = await david.post("/account/bots", { "user[name]": "Bender Bot", "user[webhook_url]": "" });
  expect(created.headers.get("location")).toBe("/account/bots");
  const bot = campfire.db
    .query<{ id: number; bot_token: string }, []>("SELECT * FROM users WHERE role = 2")
    .get()!;
  key = `${bot.id}-${bot.bot_token}`;
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await campfire.stop();
});

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${campfire.url}/rooms/${path}`, { redirect: "manual", ...init });
const say = (text: string, room = ALL_TALK) => api(`${room}/${key}/messages`, { method: "POST", body: text });

test("bots post raw text into rooms they are in; members see it live; the answer is 201 with a Location", async () => {
  await kevin.get(`/rooms/${ALL_TALK}`);
  const socket = await CableClient.connect(campfire.wsUrl, kevin);
  sockets.push(socket);
  await socket.subscribe(`room:${ALL_TALK}`);
  const posted = await say("Hello! 👋 <strong>bold</strong>");
  expect(posted.status).toBe(201);
  expect(await posted.text()).toBe("");
  const id = campfire.db.query<{ id: number }, []>("SELECT max(id) AS id FROM messages").get()!.id;
  expect(posted.headers.get("location")).toBe(`${campfire.url}/messages/${id}`);
  const live = await socket.next(
    (message) => message.type === "stream" && String(message.html).includes("👋"),
  );
  expect(live.html).toContain("<strong>bold</strong>");
  // curl -d sends a form content type; the body is still the text, not a form.
  const curl = await api(`${ALL_TALK}/${key}/messages`, {
    method: "POST",
    body: '{"text":"not parsed"}',
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  expect(curl.status).toBe(201);
  const last = await (await api(`${ALL_TALK}/${key}/messages`)).json();
  expect(last.at(-1).body.plain_text).toBe('{"text":"not parsed"}');
  expect((await say("   ")).status).toBe(422);
});

test("a bad key, a human's id or a deactivated bot redirects to sign in; rooms the bot is not in are not found", async () => {
  for (const bad of ["1-AAAAAAAAAAAA", `${key.split("-")[0]}-wrongwrong12`, "1-"]) {
    const response = await api(`${ALL_TALK}/${bad}/messages`, { method: "POST", body: "hi" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/session/new");
  }
  await david.get("/rooms/opens/new");
  await david.post("/rooms/closeds", { "room[name]": "Secret", "user_ids[]": ["1"] });
  await david.post("/rooms/1/messages", { "message[body]": "<div>x</div>" });
  const secret = campfire.db
    .query<{ id: number }, []>("SELECT id FROM rooms WHERE name = 'Secret'")
    .get()!.id;
  await david.post(`/rooms/${secret}/messages`, { "message[body]": "<div>classified</div>" });
  expect((await say("hi", secret)).status).toBe(404);
  expect((await api(`${secret}/${key}/messages`)).status).toBe(404);
  const message = campfire.db
    .query<{ id: number }, [number]>("SELECT id FROM messages WHERE room_id = ?")
    .get(secret)!.id;
  expect(
    (await api(`${secret}/${key}/messages/${message}/boosts`, { method: "POST", body: "👀" })).status,
  ).toBe(404);
  // A bot key on the browser routes is refused outright.
  expect(
    (await fetch(`${campfire.url}/rooms/${ALL_TALK}/messages?bot_key=${key}`, { redirect: "manual" })).status,
  ).toBe(403);
  expect(
    (await fetch(`${campfire.url}/searches?q=classified&bot_key=${key}`, { redirect: "manual" })).status,
  ).toBe(403);
  // Deleting the bot retires its key.
  const botId = key.split("-")[0];
  await david.get(`/account/bots/${botId}/edit`);
  await david.post(`/account/bots/${botId}`, { _method: "DELETE" });
  expect((await say("still here?")).status).toBe(302);
});

test("the list is 40 messages oldest first with X-Total-Count and a Link to the next page while there is one", async () => {
  const empty = await api(`${ALL_TALK}/${key}/messages`);
  expect(await empty.json()).toEqual([]);
  expect(empty.headers.get("x-total-count")).toBe("0");
  for (let index = 1; index <= 41; index++) await say(`message ${index}`);
  const page = await api(`${ALL_TALK}/${key}/messages`);
  const messages = await page.json();
  expect(page.headers.get("x-total-count")).toBe("41");
  expect(messages).toHaveLength(40);
  expect(messages[0].body.plain_text).toBe("message 2");
  expect(messages[39]).toMatchObject({
    body: { plain_text: "message 41", html: '<div class="trix-content">message 41</div>' },
    creator: { name: "Bender Bot", role: "bot" },
    room: { id: ALL_TALK },
  });
  expect(messages[39].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(messages[39].url).toBe(`${campfire.url}/rooms/${ALL_TALK}/messages/${messages[39].id}`);
  expect(messages[39].creator.avatar_url).toMatch(new RegExp(`^${campfire.url}/users/.+/avatar\\?v=\\d+$`));
  const next = page.headers.get("link")!;
  expect(next).toBe(
    `<${campfire.url}/rooms/${ALL_TALK}/${key}/messages?before=${messages[0].id}>; rel="next"`,
  );
  const older = await fetch(next.slice(1, next.indexOf(">")));
  expect((await older.json()).map((m: { body: { plain_text: string } }) => m.body.plain_text)).toEqual([
    "message 1",
  ]);
  expect(older.headers.get("link")).toBeNull();
  const newer = await api(`${ALL_TALK}/${key}/messages?after=${messages[37].id}`);
  expect((await newer.json()).map((m: { body: { plain_text: string } }) => m.body.plain_text)).toEqual([
    "message 40",
    "message 41",
  ]);
  expect(newer.headers.get("link")).toBeNull();
});

test("bots edit and delete only their own messages", async () => {
  await say("typo");
  const own = campfire.db.query<{ id: number }, []>("SELECT max(id) AS id FROM messages").get()!.id;
  await kevin.get(`/rooms/${ALL_TALK}`);
  await kevin.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div>mine</div>" });
  const kevins = campfire.db.query<{ id: number }, []>("SELECT max(id) AS id FROM messages").get()!.id;
  const edited = await api(`${ALL_TALK}/${key}/messages/${own}`, { method: "PATCH", body: "fixed ✓" });
  expect(edited.status).toBe(200);
  expect((await edited.json()).body.plain_text).toBe("fixed ✓");
  expect((await api(`${ALL_TALK}/${key}/messages/${kevins}`, { method: "PUT", body: "hijack" })).status).toBe(
    403,
  );
  expect((await api(`${ALL_TALK}/${key}/messages/${kevins}`, { method: "DELETE" })).status).toBe(403);
  expect((await api(`${ALL_TALK}/${key}/messages/${own}`, { method: "DELETE" })).status).toBe(204);
  expect(campfire.count("messages WHERE id = ?", own)).toBe(0);
});

test("bots boost with a raw body and withdraw only their own boosts", async () => {
  await kevin.get(`/rooms/${ALL_TALK}`);
  await kevin.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div>boost me</div>" });
  const message = campfire.db.query<{ id: number }, []>("SELECT max(id) AS id FROM messages").get()!.id;
  const boosted = await api(`${ALL_TALK}/${key}/messages/${message}/boosts`, { method: "POST", body: "👀" });
  expect(boosted.status).toBe(201);
  const boost = await boosted.json();
  expect(boost).toMatchObject({ content: "👀", booster: { name: "Bender Bot" }, message: { id: message } });
  expect(
    (await api(`${ALL_TALK}/${key}/messages/${message}/boosts`, { method: "POST", body: " " })).status,
  ).toBe(422);
  await kevin.post(`/messages/${message}/boosts`, { "boost[content]": "🎉" });
  const kevins = campfire.db.query<{ id: number }, []>("SELECT max(id) AS id FROM boosts").get()!.id;
  expect(
    (await api(`${ALL_TALK}/${key}/messages/${message}/boosts/${kevins}`, { method: "DELETE" })).status,
  ).toBe(404);
  expect(
    (await api(`${ALL_TALK}/${key}/messages/${message}/boosts/${boost.id}`, { method: "DELETE" })).status,
  ).toBe(204);
});

test("a multipart attachment becomes a file message only members can download", async () => {
  const form = new FormData();
  form.append("attachment", new File([png(20, 10)], "chart.png", { type: "image/png" }));
  const posted = await api(`${ALL_TALK}/${key}/messages`, { method: "POST", body: form });
  expect(posted.status).toBe(201);
  const [message] = await (await api(`${ALL_TALK}/${key}/messages`)).json();
  expect(message.body.plain_text).toBe("chart.png");
  await kevin.get(`/rooms/${ALL_TALK}`);
  const room = await (await kevin.get(`/rooms/${ALL_TALK}`)).text();
  const src = room.match(/src="(\/rooms\/1\/messages\/\d+\/attachment)"/)![1]!;
  const file = await kevin.get(src);
  expect(file.headers.get("content-type")).toBe("image/png");
  expect(file.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
  campfire.db.run("DELETE FROM memberships WHERE room_id = 1 AND user_id = 2");
  expect((await kevin.get(src)).status).toBe(404);
});

test("the bots page lists each bot's curl commands; keys can be regenerated; members can't manage bots", async () => {
  const page = await (await david.get("/account/bots")).text();
  expect(page).toContain(`curl -d 'Hello!' ${campfire.url}/rooms/${ALL_TALK}/${key}/messages`);
  const botId = key.split("-")[0];
  await david.post(`/account/bots/${botId}/key`, { _method: "PATCH" });
  expect((await say("old key")).status).toBe(302);
  await kevin.get("/rooms/1");
  expect((await kevin.get("/account/bots")).status).toBe(403);
  expect((await kevin.post("/account/bots", { "user[name]": "Mine" })).status).toBe(403);
});
