import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { CableClient } from "./support/cable.ts";
import { JASON, joinAccount, joinCodeOf, KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";
import { bmp, file, jpeg } from "./support/images.ts";

// Account settings, logo, custom styles, roles and removing people (features.md §4.1–§4.5).
let campfire: RunningCampfire;
let david: Browser;
let kevin: Browser;
const sockets: CableClient[] = [];

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, kevin] = await setUpWith(campfire, KEVIN, JASON);
  await david.get("/account/edit");
  await kevin.get("/account/edit");
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await campfire.stop();
});

const account = () =>
  campfire.db
    .query<{ name: string; settings: string; custom_styles: string | null }, []>("SELECT * FROM accounts")
    .get()!;
const userRow = (id: number) =>
  campfire.db
    .query<{ role: number; status: number; email_address: string }, [number]>(
      "SELECT * FROM users WHERE id = ?",
    )
    .get(id)!;

test("everyone sees the account page with the join link and QR; administrators are listed first", async () => {
  campfire.db.run("UPDATE users SET role = 1 WHERE id = 3");
  const page = await (await kevin.get("/account/edit")).text();
  expect(page).toContain(`/join/${joinCodeOf(campfire)}`);
  expect(page).toContain("/qr_code/");
  const order = [
    ...page.matchAll(/class="person__name">.*?<\/span> (\w+)<\/a>|<hr class="separator">/gs),
  ].map((match) => match[1] ?? "hr");
  expect(order).toEqual(["David", "Jason", "hr", "Kevin"]);
  expect(page).not.toContain('action="/account/users/');
  expect(page).not.toContain("Custom styles");
  const asAdmin = await (await david.get("/account/edit")).text();
  expect(asAdmin).toContain('action="/account/users/2"');
  expect(asAdmin).not.toContain('action="/account/users/1" method="post" class="button-to"');
  expect(asAdmin).toContain('href="/account/custom_styles/edit"');
  expect(asAdmin).toContain("Campfire™ version");
});

test("administrators rename the account and restrict room creation; members get 403", async () => {
  const renamed = await david.post("/account", {
    _method: "PATCH",
    "account[name]": "37signals",
    "account[settings][restrict_room_creation_to_administrators]": ["false", "true"],
  });
  expect(renamed.headers.get("location")).toBe("/account/edit");
  expect(account().name).toBe("37signals");
  expect(JSON.parse(account().settings)).toEqual({ restrict_room_creation_to_administrators: true });
  expect((await kevin.get("/rooms/opens/new")).status).toBe(403);
  const refused = await kevin.post("/account", { _method: "PATCH", "account[name]": "Mine" });
  expect(refused.status).toBe(403);
  expect(account().name).toBe("37signals");
  expect((await kevin.post("/account/join_code", {})).status).toBe(403);
});

test("the logo is public PNG at 512 and 192 with the stock icon as fallback; BMPs are refused", async () => {
  const stock = await fetch(`${campfire.url}/account/logo`);
  expect(stock.headers.get("content-type")).toBe("image/png");
  expect(stock.headers.get("cache-control")).toBe("public, max-age=300, stale-while-revalidate=604800");
  expect(await new Bun.Image(await stock.arrayBuffer()).metadata()).toEqual({
    width: 512,
    height: 512,
    format: "png",
  });
  const small = await fetch(`${campfire.url}/account/logo?size=small`);
  const stockSmall = new Uint8Array(await small.arrayBuffer());
  expect((await new Bun.Image(stockSmall).metadata()).width).toBe(192);
  await david.upload("/account", {
    _method: "PATCH",
    "account[name]": "Campfire",
    "account[logo]": file(await jpeg(1024, 1024), "logo.jpg", "image/jpeg"),
  });
  const custom = await fetch(`${campfire.url}/account/logo?size=small`);
  const bytes = new Uint8Array(await custom.arrayBuffer());
  expect(await new Bun.Image(bytes).metadata()).toEqual({ width: 192, height: 192, format: "png" });
  expect(bytes).not.toEqual(stockSmall);
  expect(await (await kevin.get("/account/edit")).text()).toContain('class="account__logo"');
  const refused = await david.upload("/account", {
    _method: "PATCH",
    "account[name]": "Campfire",
    "account[logo]": file(bmp(), "logo.bmp", "image/bmp"),
  });
  expect(refused.status).toBe(302);
  expect(campfire.count("active_storage_blobs")).toBe(1);
  await david.post("/account/logo", { _method: "DELETE" });
  expect(campfire.count("active_storage_blobs")).toBe(0);
  expect((await kevin.post("/account/logo", { _method: "DELETE" })).status).toBe(403);
});

test("custom styles are saved verbatim by administrators and cannot break out of their <style>", async () => {
  expect((await kevin.get("/account/custom_styles/edit")).status).toBe(403);
  expect((await david.get("/account/custom_styles/edit")).status).toBe(200);
  const css =
    ':root { --color-text: red; } a::after { content: "</style><script>alert(1)</script>"; } </STYLE ><img src=x onerror=alert(2)>';
  const saved = await david.post("/account/custom_styles", {
    _method: "PATCH",
    "account[custom_styles]": css,
  });
  expect(saved.headers.get("location")).toBe("/account/custom_styles/edit");
  expect(account().custom_styles).toBe(css);
  const signIn = await (await campfire.browser().get("/session/new")).text();
  const style = signIn.match(/<style data-turbo-track="reload" id="custom-styles">([\s\S]*?)<\/style>/i)![1]!;
  expect(style).toContain("--color-text: red;");
  expect(style).not.toContain("<");
  expect(signIn).not.toContain("<script>alert");
  expect(signIn).not.toContain("<img src=x");
  expect(
    (await kevin.post("/account/custom_styles", { _method: "PATCH", "account[custom_styles]": "x" })).status,
  ).toBe(403);
});

test("administrators toggle roles between member and administrator, never their own", async () => {
  await david.post("/account/users/2", { _method: "PATCH", "user[role]": "administrator" });
  expect(userRow(2).role).toBe(1);
  await david.post("/account/users/2", { _method: "PATCH", "user[role]": "bot" });
  expect(userRow(2).role).toBe(0);
  expect((await david.post("/account/users/1", { _method: "PATCH", "user[role]": "member" })).status).toBe(
    403,
  );
  expect(userRow(1).role).toBe(1);
  expect(
    (await kevin.post("/account/users/3", { _method: "PATCH", "user[role]": "administrator" })).status,
  ).toBe(403);
  expect(userRow(3).role).toBe(0);
});

test("removing a person deactivates them: shared rooms, sessions, searches go, their open pages close, Pings and messages stay", async () => {
  await kevin.get("/rooms/1");
  await kevin.post("/rooms/1/messages", { "message[body]": "<div>bye</div>" });
  await kevin.post("/rooms/directs", { "user_ids[]": ["1"] });
  await kevin.get("/searches");
  await kevin.post("/searches", { q: "pizza" });
  const socket = await CableClient.connect(campfire.wsUrl, kevin);
  sockets.push(socket);
  expect((await kevin.post("/account/users/3", { _method: "DELETE" })).status).toBe(403);
  const removed = await david.post("/account/users/2", { _method: "DELETE" });
  expect(removed.headers.get("location")).toBe("/account/edit");
  expect(await socket.closed).toBe(4401);
  const row = userRow(2);
  expect(row.status).toBe(1);
  expect(row.email_address).toMatch(/^kevin-deactivated-[0-9a-f-]{36}@example\.com$/);
  expect(
    campfire.count(
      "memberships m JOIN rooms r ON r.id = m.room_id WHERE m.user_id = 2 AND r.type != 'Rooms::Direct'",
    ),
  ).toBe(0);
  expect(
    campfire.count(
      "memberships m JOIN rooms r ON r.id = m.room_id WHERE m.user_id = 2 AND r.type = 'Rooms::Direct'",
    ),
  ).toBe(1);
  expect(campfire.count("sessions WHERE user_id = 2")).toBe(0);
  expect(campfire.count("searches WHERE user_id = 2")).toBe(0);
  expect(campfire.count("messages WHERE creator_id = 2")).toBe(1);
  expect((await kevin.get("/rooms/1")).status).toBe(302);
  expect(await (await david.get("/users/2")).text()).toContain("Kevin is no longer on this account.");
  // The address is free again.
  await joinAccount(campfire, "Kevin", "kevin@example.com");
});
