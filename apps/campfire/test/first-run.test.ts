import { afterEach, beforeEach, expect, test } from "bun:test";
import { PASSWORD, RunningCampfire, setUp } from "./support/campfire.ts";

let campfire: RunningCampfire;
beforeEach(() => {
  campfire = RunningCampfire.start();
});
afterEach(() => campfire.stop());

test("a fresh install sends visitors through sign-in to first run", async () => {
  const browser = campfire.browser();
  expect((await browser.get("/")).headers.get("location")).toBe("/session/new");
  expect((await browser.get("/session/new")).headers.get("location")).toBe("/first_run");
  const page = await browser.get("/first_run");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Set up Campfire");
});

test("/up answers 200 as soon as the app has booted, before any account exists", async () => {
  const response = await campfire.browser().get("/up");
  expect(response.status).toBe(200);
  expect(response.headers.get("x-version")).toBeTruthy();
});

test("first run creates the Campfire account, All Talk and its administrator, signed in", async () => {
  const browser = await setUp(campfire);
  const account = campfire.db.query<{ name: string; join_code: string }, []>("SELECT * FROM accounts").get()!;
  expect(account.name).toBe("Campfire");
  expect(account.join_code).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
  const user = campfire.db.query<{ id: number; role: number }, []>("SELECT * FROM users").get()!;
  expect(user.role).toBe(1);
  const room = campfire.db
    .query<{ id: number; name: string; type: string; creator_id: number }, []>("SELECT * FROM rooms")
    .get()!;
  expect(room).toMatchObject({ name: "All Talk", type: "Rooms::Open", creator_id: user.id });
  expect(campfire.count("memberships WHERE room_id = ? AND user_id = ?", room.id, user.id)).toBe(1);

  const home = await browser.get("/");
  expect(home.headers.get("location")).toBe(`/rooms/${room.id}`);
  const page = await browser.get(`/rooms/${room.id}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("All Talk");
});

test("ten concurrent first runs create exactly one account and one administrator", async () => {
  const browsers = Array.from({ length: 10 }, () => campfire.browser());
  await Promise.all(browsers.map((browser) => browser.get("/first_run")));
  const responses = await Promise.all(
    browsers.map((browser, index) =>
      browser.post("/first_run", {
        "user[name]": `Admin ${index}`,
        "user[email_address]": `admin${index}@example.com`,
        "user[password]": PASSWORD,
      }),
    ),
  );
  for (const response of responses) {
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/");
  }
  expect(campfire.count("accounts")).toBe(1);
  expect(campfire.count("users")).toBe(1);
  expect(campfire.count("users WHERE role = 1")).toBe(1);
  expect(campfire.count("rooms")).toBe(1);
  expect(campfire.count("sessions")).toBe(1);
});

test("first run cannot be repeated once the account exists", async () => {
  await setUp(campfire);
  const stranger = campfire.browser();
  const page = await stranger.get("/first_run");
  expect(page.status).toBe(302);
  expect(page.headers.get("location")).toBe("/");
  await stranger.get("/session/new");
  const again = await stranger.post("/first_run", {
    "user[name]": "Mallory",
    "user[email_address]": "mallory@example.com",
    "user[password]": PASSWORD,
  });
  expect(again.headers.get("location")).toBe("/");
  expect(campfire.count("users")).toBe(1);
});

test("a form posted without its authenticity token is refused", async () => {
  const browser = campfire.browser();
  await browser.get("/first_run");
  const forged = await browser.post(
    "/first_run",
    { "user[name]": "Eve", "user[email_address]": "eve@example.com", "user[password]": PASSWORD },
    { token: null },
  );
  expect(forged.status).toBe(422);
  expect(campfire.count("accounts")).toBe(0);
});
