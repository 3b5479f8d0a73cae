import { afterEach, beforeEach, expect, test } from "bun:test";
import { ftsQueryFor } from "../src/search/message-search.ts";
import type { Browser } from "./support/browser.ts";
import { KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";

// Search (features.md §16, http.md §2.7): FTS5 over rooms you are in right now, recent searches.
let campfire: RunningCampfire;
let david: Browser;
let kevin: Browser;
const ALL_TALK = 1;

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, kevin] = await setUpWith(campfire, KEVIN);
  await david.get(`/rooms/${ALL_TALK}`);
  await kevin.get(`/rooms/${ALL_TALK}`);
});
afterEach(() => campfire.stop());

const say = (browser: Browser, roomId: number, text: string) =>
  browser.post(`/rooms/${roomId}/messages`, { "message[body]": `<div>${text}</div>` });
const results = async (browser: Browser, query: string) => {
  const page = await (await browser.get(`/searches?q=${encodeURIComponent(query)}`)).text();
  return [...page.matchAll(/<div class="trix-content">([\s\S]*?)<\/div>/g)].map((match) =>
    (match[1] ?? "").replace(/<[^>]+>/g, "").trim(),
  );
};

test("the search page starts empty and finds messages by stemmed words, oldest first", async () => {
  const empty = await david.get("/searches");
  expect(empty.status).toBe(200);
  expect(await empty.text()).not.toContain("trix-content");
  await say(kevin, ALL_TALK, "Hello world!");
  await say(david, ALL_TALK, "Eels are slippery");
  await say(david, ALL_TALK, "hello again, world");
  expect(await results(david, "hello")).toEqual(["Hello world!", "hello again, world"]);
  expect(await results(david, "eel")).toEqual(["Eels are slippery"]);
  expect(await results(david, "hello world again")).toEqual(["hello again, world"]);
  const page = await (await david.get("/searches?q=hello")).text();
  expect(page).toContain("2 matches");
  expect(page).toContain(`href="/rooms/${ALL_TALK}/@`);
  expect(page).toContain('<span class="message__room">All Talk</span>');
});

test("operators and quotes are only words: nothing a person types breaks the query", async () => {
  expect(ftsQueryFor('cats AND "dogs" OR NEAR(x*')).toBe('"cats" "AND" "dogs" "OR" "NEAR" "x"');
  expect(ftsQueryFor("  ---  ")).toBeNull();
  await say(david, ALL_TALK, "cats and dogs");
  for (const query of ['"cats', "cats AND", "NOT cats", "dogs*", "(cats)", "-", "'"]) {
    const response = await david.get(`/searches?q=${encodeURIComponent(query)}`);
    expect(response.status).toBe(200);
  }
  expect(await results(david, "cats AND")).toEqual(["cats and dogs"]);
});

test("only rooms you are a member of are searched: closed rooms, Pings, and rooms you left", async () => {
  await david.post("/rooms/closeds", { "room[name]": "Secret", "user_ids[]": ["1"] });
  const secret = campfire.db.query<{ id: number }, []>("SELECT id FROM rooms WHERE name = 'Secret'").get()!;
  await say(david, secret.id, "the launch password is swordfish");
  await david.post("/rooms/directs", { "user_ids[]": ["1"] });
  const solo = campfire.db
    .query<{ id: number }, []>("SELECT id FROM rooms WHERE type = 'Rooms::Direct'")
    .get()!;
  await say(david, solo.id, "swordfish reminder to self");
  await say(david, ALL_TALK, "nothing about swordfish here");
  expect(await results(david, "swordfish")).toHaveLength(3);
  expect(await results(kevin, "swordfish")).toEqual(["nothing about swordfish here"]);
  // Kevin is removed from All Talk: its messages leave his results.
  campfire.db.run("DELETE FROM memberships WHERE room_id = ? AND user_id = 2", [ALL_TALK]);
  expect(await results(kevin, "swordfish")).toEqual([]);
});

test("submitting records the query, ten recent searches are kept, and clear forgets them", async () => {
  const submitted = await david.post("/searches", { q: "pizza" });
  expect(submitted.status).toBe(302);
  expect(submitted.headers.get("location")).toBe("/searches?q=pizza");
  for (let index = 0; index < 11; index++) await david.post("/searches", { q: `topic ${index}` });
  // Touching needs a later timestamp than the last insert (millisecond precision).
  await Bun.sleep(3);
  await david.post("/searches", { q: "topic 3" });
  const queries = campfire.db
    .query<{ query: string }, []>("SELECT query FROM searches ORDER BY updated_at DESC, id DESC")
    .all()
    .map((row) => row.query);
  expect(queries).toHaveLength(10);
  expect(queries[0]).toBe("topic 3");
  expect(queries).not.toContain("pizza");
  const page = await (await david.get("/searches")).text();
  expect(page).toContain('href="/searches?q=topic%203"');
  expect(campfire.count("searches WHERE user_id = 2")).toBe(0);
  const cleared = await david.post("/searches/clear", { _method: "DELETE" });
  expect(cleared.headers.get("location")).toBe("/searches");
  expect(campfire.count("searches")).toBe(0);
});

test("search needs a session", async () => {
  const response = await campfire.browser().get("/searches?q=x");
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/session/new");
});
