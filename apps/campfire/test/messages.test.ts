import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { CableClient } from "./support/cable.ts";
import { joinAccount, RunningCampfire, setUp } from "./support/campfire.ts";

let campfire: RunningCampfire;
let david: Browser;
const ALL_TALK = 1;
beforeEach(async () => {
  campfire = RunningCampfire.start();
  david = await setUp(campfire);
  await david.get(`/rooms/${ALL_TALK}`);
});
afterEach(() => campfire.stop());

test("a posted message appears on the room page, its script removed", async () => {
  const response = await david.post(`/rooms/${ALL_TALK}/messages`, {
    "message[body]":
      '<div>Hello <strong>world</strong><script>alert("x")</script><img src=x onerror=alert(1)></div>',
    "message[client_message_id]": "abc123",
  });
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe(`/rooms/${ALL_TALK}`);

  const page = await (await david.get(`/rooms/${ALL_TALK}`)).text();
  expect(page).toContain('id="message_abc123"');
  expect(page).toContain('id="presentation_message_abc123"');
  expect(page).toContain("Hello <strong>world</strong>");
  expect(page).not.toContain("<script>alert");
  expect(page).not.toContain("onerror");
  expect(page).toContain(`id="messages_rooms_open_${ALL_TALK}"`);

  const stored = campfire.db
    .query<{ body: string; record_type: string; name: string }, []>("SELECT * FROM action_text_rich_texts")
    .get()!;
  expect(stored).toMatchObject({ record_type: "Message", name: "body" });
  expect(stored.body).not.toContain("script");
  const indexed = campfire.db
    .query<{ rowid: number }, [string]>("SELECT rowid FROM message_search_index WHERE body MATCH ?")
    .all("hello");
  expect(indexed).toHaveLength(1);
});

test("Turbo gets the message back as a stream appended to the room's list", async () => {
  const response = await david.post(
    `/rooms/${ALL_TALK}/messages`,
    { "message[body]": "<div>Streamed</div>", "message[client_message_id]": "s1" },
    { headers: { accept: "text/vnd.turbo-stream.html, text/html" } },
  );
  expect(response.headers.get("content-type")).toContain("text/vnd.turbo-stream.html");
  const stream = await response.text();
  expect(stream).toContain(`<turbo-stream action="append" target="messages_rooms_open_${ALL_TALK}">`);
  expect(stream).toContain('id="message_s1"');
});

test("links with javascript: URLs and event handlers are neutralised", async () => {
  await david.post(`/rooms/${ALL_TALK}/messages`, {
    "message[body]":
      '<a href="javascript:alert(1)" onmouseover="x()">click</a> <a href="https://example.com">ok</a>',
  });
  const page = await (await david.get(`/rooms/${ALL_TALK}`)).text();
  expect(page).not.toContain("javascript:");
  expect(page).not.toContain("onmouseover");
  expect(page).toContain('<a href="https://example.com">ok</a>');
});

test("a message without a client id gets a UUID, and names are escaped", async () => {
  campfire.db.run("UPDATE users SET name = '<b>David</b>'");
  await david.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div>hi</div>" });
  const key = campfire.db
    .query<{ client_message_id: string }, []>("SELECT client_message_id FROM messages")
    .get()!;
  expect(key.client_message_id).toMatch(/^[0-9a-f-]{36}$/);
  const page = await (await david.get(`/rooms/${ALL_TALK}`)).text();
  expect(page).toContain("&lt;b&gt;David&lt;/b&gt;");
  expect(page).not.toContain("<b>David</b>");
});

test("blank messages and unsigned posts are refused", async () => {
  const blank = await david.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div> </div>" });
  expect(blank.status).toBe(422);
  const forged = await david.post(
    `/rooms/${ALL_TALK}/messages`,
    { "message[body]": "<div>x</div>" },
    { token: null },
  );
  expect(forged.status).toBe(422);
  expect(campfire.count("messages")).toBe(0);
});

test("a new message marks the room unread for the other members, and reading it clears that", async () => {
  const jason = await joinAccount(campfire, "Jason", "jason@example.com");
  await david.post(`/rooms/${ALL_TALK}/messages`, { "message[body]": "<div>psst</div>" });
  const unread = (email: string) =>
    campfire.db
      .query<{ unread_at: string | null }, [string]>(
        "SELECT unread_at FROM memberships JOIN users ON users.id = user_id WHERE email_address = ?",
      )
      .get(email)!.unread_at;
  expect(unread("jason@example.com")).not.toBeNull();
  expect(unread("david@example.com")).toBeNull();
  // Reading happens when the room page's presence arrives over the socket.
  const cable = await CableClient.connect(campfire.wsUrl, jason);
  await cable.subscribe("user:2");
  cable.send({ command: "present", room_id: ALL_TALK });
  await cable.next((message) => message.type === "read");
  expect(unread("jason@example.com")).toBeNull();
  cable.close();
});
