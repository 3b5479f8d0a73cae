import { afterEach, beforeEach, expect, test } from "bun:test";
import { mentionSgidFor } from "../src/models/rich-text/mentions.ts";
import type { Browser } from "./support/browser.ts";
import { joinAccount, RunningCampfire, setUp } from "./support/campfire.ts";
import { png } from "./support/images.ts";
import { WebhookReceiver } from "./support/webhook-receiver.ts";

// Outgoing webhooks to bots (features.md §15.1): who gets one, the payload, and replies.
let campfire: RunningCampfire;
let receiver: WebhookReceiver;
let david: Browser;
let botId: number;
let key: string;
const ALL_TALK = 1;

async function start(options: { webhooksMayReachPrivateNetwork?: boolean } = {}) {
  campfire = RunningCampfire.start(options);
  receiver = new WebhookReceiver();
  david = await setUp(campfire);
  await david.get("/account/bots/new");
  await david.post("/account/bots", { "user[name]": "Bender", "user[webhook_url]": receiver.url });
  const bot = campfire.db
    .query<{ id: number; bot_token: string }, []>("SELECT * FROM users WHERE role = 2")
    .get()!;
  botId = bot.id;
  key = `${bot.id}-${bot.bot_token}`;
  await david.get(`/rooms/${ALL_TALK}`);
}
beforeEach(() => start());
afterEach(async () => {
  await campfire.stop();
  await receiver.stop();
});

// The mention's sgid is signed with the app's key; the signature isn't checked (mentions survive key
// rotation), so any key will do here.
const mentionOf = (id: number, name: string) =>
  `<action-text-attachment sgid="${mentionSgidFor(id, "test")}" content-type="application/vnd.campfire.mention">@${name}</action-text-attachment>`;
const post = (browser: Browser, roomId: number, body: string) =>
  browser.post(`/rooms/${roomId}/messages`, { "message[body]": body });
async function settled(): Promise<void> {
  // Deliveries run after the response; give them (and the reply) a moment.
  for (let index = 0; index < 40 && campfire.count("messages WHERE creator_id = ?", botId) === 0; index++) {
    await Bun.sleep(25);
  }
}
async function delivered(count: number): Promise<void> {
  for (let index = 0; index < 40 && receiver.deliveries.length < count; index++) await Bun.sleep(25);
}
const botMessages = () =>
  campfire.db
    .query<{ body: string | null; filename: string | null }, [number]>(
      `SELECT r.body, b.filename FROM messages m
       LEFT JOIN action_text_rich_texts r ON r.record_type = 'Message' AND r.record_id = m.id
       LEFT JOIN active_storage_attachments a ON a.record_type = 'Message' AND a.record_id = m.id
       LEFT JOIN active_storage_blobs b ON b.id = a.blob_id WHERE m.creator_id = ?`,
    )
    .all(botId);

test("mentioning a bot posts the exact payload to its webhook; a text/plain answer becomes its reply", async () => {
  receiver.reply = () => new Response("Hello back!", { headers: { "content-type": "text/plain" } });
  await post(david, ALL_TALK, `<div>Hey ${mentionOf(botId, "Bender")} what's up?</div>`);
  await settled();
  expect(receiver.deliveries).toHaveLength(1);
  const [delivery] = receiver.deliveries;
  expect(delivery!.headers.get("content-type")).toBe("application/json");
  const id = campfire.db.query<{ id: number }, []>("SELECT min(id) AS id FROM messages").get()!.id;
  expect(delivery!.body).toEqual({
    user: { id: 1, name: "David" },
    room: { id: ALL_TALK, name: "All Talk", path: `/rooms/${ALL_TALK}/${key}/messages` },
    message: {
      id,
      body: { html: expect.stringContaining("action-text-attachment"), plain: "Hey  what's up?" },
      path: `/rooms/${ALL_TALK}/@${id}`,
    },
  });
  expect(botMessages()).toEqual([{ body: "<div>Hello back!</div>", filename: null }]);
  // The reply itself triggers nothing; nor does an unmentioned message.
  await post(david, ALL_TALK, "<div>no bots here</div>");
  await Bun.sleep(50);
  expect(receiver.deliveries).toHaveLength(1);
});

test("a non-text answer becomes a file from the bot; an empty 200 or a bare 500 posts nothing", async () => {
  receiver.reply = () => new Response(png(4, 4), { headers: { "content-type": "image/png" } });
  await post(david, ALL_TALK, `<div>${mentionOf(botId, "Bender")} draw</div>`);
  await settled();
  expect(botMessages()).toEqual([{ body: null, filename: "attachment.png" }]);
  campfire.db.run("DELETE FROM active_storage_attachments");
  campfire.db.run("DELETE FROM messages WHERE creator_id = ?", [botId]);
  receiver.reply = () => new Response(null, { status: 200 });
  await post(david, ALL_TALK, `<div>${mentionOf(botId, "Bender")} quiet</div>`);
  receiver.reply = () => new Response(null, { status: 500 });
  await post(david, ALL_TALK, `<div>${mentionOf(botId, "Bender")} broken</div>`);
  await Bun.sleep(150);
  expect(receiver.deliveries).toHaveLength(3);
  expect(botMessages()).toEqual([]);
});

test("a bot that doesn't answer in time says so", async () => {
  receiver.reply = async () => {
    await Bun.sleep(600);
    return new Response("too late", { headers: { "content-type": "text/plain" } });
  };
  await post(david, ALL_TALK, `<div>${mentionOf(botId, "Bender")} slow?</div>`);
  await settled();
  expect(botMessages()).toEqual([{ body: "<div>Failed to respond within 7 seconds</div>", filename: null }]);
});

test("every message in a Ping with a bot reaches it, but never the bot's own messages", async () => {
  await david.post("/rooms/directs", { "user_ids[]": [String(botId)] });
  const ping = campfire.db
    .query<{ id: number }, []>("SELECT id FROM rooms WHERE type = 'Rooms::Direct'")
    .get()!.id;
  await post(david, ping, "<div>just between us</div>");
  await delivered(1);
  expect(receiver.deliveries).toHaveLength(1);
  expect(receiver.deliveries[0]!.body).toMatchObject({ room: { id: ping, name: null } });
  // The bot posting in its own Ping (or mentioning itself) never calls itself.
  await fetch(`${campfire.url}/rooms/${ping}/${key}/messages`, { method: "POST", body: "talking to myself" });
  await fetch(`${campfire.url}/rooms/${ALL_TALK}/${key}/messages`, {
    method: "POST",
    body: `<div>${mentionOf(botId, "Bender")}</div>`,
  });
  await Bun.sleep(100);
  expect(receiver.deliveries).toHaveLength(1);
});

test("bots mentioned in rooms they are not in, or without a webhook, hear nothing", async () => {
  const kevin = await joinAccount(campfire, "Kevin", "kevin@example.com");
  await david.post("/rooms/closeds", { "room[name]": "Closed", "user_ids[]": ["1"] });
  const closed = campfire.db
    .query<{ id: number }, []>("SELECT id FROM rooms WHERE name = 'Closed'")
    .get()!.id;
  await post(david, closed, `<div>${mentionOf(botId, "Bender")} in here?</div>`);
  await david.get(`/account/bots/${botId}/edit`);
  await david.post(`/account/bots/${botId}`, { _method: "PATCH", "user[name]": "Bender" });
  await post(david, ALL_TALK, `<div>${mentionOf(botId, "Bender")} webhook gone</div>`);
  await Bun.sleep(100);
  expect(receiver.deliveries).toHaveLength(0);
  expect(kevin).toBeDefined();
});

test("in production the address guard refuses webhooks to loopback and private networks", async () => {
  await campfire.stop();
  await receiver.stop();
  await start({ webhooksMayReachPrivateNetwork: false });
  receiver.reply = () => new Response("should never be asked", { headers: { "content-type": "text/plain" } });
  await post(david, ALL_TALK, `<div>${mentionOf(botId, "Bender")} hello?</div>`);
  await Bun.sleep(150);
  expect(receiver.deliveries).toHaveLength(0);
  expect(botMessages()).toEqual([]);
});
