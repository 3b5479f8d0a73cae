import { afterEach, beforeEach, expect, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { PASSWORD, RunningCampfire, setUpWith } from "./support/campfire.ts";
import { bmp, file, jpeg, png } from "./support/images.ts";

// Profiles, user pages and avatars (features.md §3, http.md §2.3).
let campfire: RunningCampfire;
let david: Browser;
let kevin: Browser;

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, kevin] = await setUpWith(campfire, ["Kevin Mc Callister", "kevin@example.com"]);
  await david.get("/users/me/profile");
  await kevin.get("/users/me/profile");
});
afterEach(() => campfire.stop());

const userRow = (id: number) =>
  campfire.db
    .query<{ name: string; bio: string | null; email_address: string; updated_at: string }, [number]>(
      "SELECT * FROM users WHERE id = ?",
    )
    .get(id)!;
const avatarUrlOf = async (browser: Browser, userId: number) => {
  const page = await (await browser.get(`/users/${userId}`)).text();
  return page.match(/src="(\/users\/[^"]+\/avatar\?v=\d+)"/)?.[1] ?? null;
};
const signIn = async (password: string) => {
  const browser = campfire.browser();
  await browser.get("/session/new");
  return (await browser.post("/session", { email_address: "kevin@example.com", password })).status;
};

test("the profile edits name and bio and keeps the email; the :user_id in the URL is ignored", async () => {
  const page = await kevin.get("/users/me/profile");
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('name="user[bio]" maxlength="200"');
  expect(html).toContain("All Talk");
  const saved = await kevin.post("/users/1/profile", {
    _method: "PATCH",
    "user[name]": "Kevin",
    "user[email_address]": "kevin@example.com",
    "user[bio]": "Programmer",
  });
  expect(saved.status).toBe(302);
  expect(saved.headers.get("location")).toBe("/users/me/profile");
  expect(userRow(2)).toMatchObject({ name: "Kevin", bio: "Programmer", email_address: "kevin@example.com" });
  expect(userRow(1).name).toBe("David");
  const long = await kevin.post("/users/me/profile", {
    _method: "PATCH",
    "user[name]": "Kevin",
    "user[email_address]": "kevin@example.com",
    "user[bio]": "x".repeat(201),
  });
  expect(long.status).toBe(422);
  const taken = await kevin.post("/users/me/profile", {
    _method: "PUT",
    "user[name]": "Kevin",
    "user[email_address]": "david@example.com",
  });
  expect(taken.status).toBe(422);
  expect(userRow(2).email_address).toBe("kevin@example.com");
});

test("a new password works at the next sign-in; a blank one leaves it unchanged", async () => {
  const fields = { _method: "PATCH", "user[name]": "Kevin", "user[email_address]": "kevin@example.com" };
  await kevin.post("/users/me/profile", { ...fields, "user[password]": "" });
  expect(await signIn(PASSWORD)).toBe(302);
  await kevin.post("/users/me/profile", { ...fields, "user[password]": "a new secret" });
  expect(await signIn("a new secret")).toBe(302);
  expect(await signIn(PASSWORD)).toBe(401);
});

test("a user page shows name and bio to everyone, the email and sign-in link only to administrators", async () => {
  campfire.db.run("UPDATE users SET bio = 'Designer' WHERE id = 2");
  const asMember = await (await kevin.get("/users/1")).text();
  expect(asMember).toContain("David");
  expect(asMember).not.toContain("david@example.com");
  expect(asMember).not.toContain("/session/transfers/");
  expect(asMember).toContain(">Ping</button>");
  const asAdmin = await (await david.get("/users/2")).text();
  expect(asAdmin).toContain("Designer");
  expect(asAdmin).toContain("kevin@example.com");
  expect(asAdmin).toContain("/session/transfers/");
  expect(asAdmin).toContain(">Ban</button>");
  expect((await david.get("/users/999")).status).toBe(404);
  expect((await campfire.browser().get("/users/1")).status).toBe(302);
});

test("without an upload pages draw the initials in place (no avatar request per face)", async () => {
  const url = await avatarUrlOf(kevin, 2);
  expect(url).toBeNull(); // initials are drawn in place on pages…
  const profile = await (await kevin.get("/users/me/profile")).text();
  expect(profile).toContain(">KMC</span>");
  const token = profile.match(/\/users\/([^/"]+)\/avatar/)?.[1];
  expect(token).toBeUndefined();
});

test("an uploaded image becomes a 512px WebP behind a signed, cache-busted URL; deleting it restores initials", async () => {
  const upload = await kevin.upload("/users/me/profile", {
    _method: "PATCH",
    "user[avatar]": file(png(800, 600), "me.png", "image/png"),
  });
  expect(upload.status).toBe(302);
  const url = (await avatarUrlOf(david, 2))!;
  expect(url).toMatch(/^\/users\/[\w-]+--[\w-]+\/avatar\?v=\d+$/);
  const avatar = await david.get(url);
  expect(avatar.status).toBe(200);
  expect(avatar.headers.get("content-type")).toBe("image/webp");
  expect(avatar.headers.get("cache-control")).toBe("public, max-age=1800, stale-while-revalidate=604800");
  const size = await new Bun.Image(await avatar.arrayBuffer()).metadata();
  expect(size).toEqual({ width: 512, height: 384, format: "webp" });
  const etag = avatar.headers.get("etag")!;
  expect((await david.get(url, { "if-none-match": etag })).status).toBe(304);
  // Signed: a tampered token, or a user id in its place, is not found; signed-out visitors go to sign in.
  expect((await david.get(url.replace(/--\w/, "--x"))).status).toBe(404);
  expect((await david.get("/users/2/avatar")).status).toBe(404);
  expect((await campfire.browser().get(url)).status).toBe(302);
  // A JPEG replaces it and moves the cache-buster.
  await Bun.sleep(5);
  await kevin.upload("/users/me/profile", {
    _method: "PATCH",
    "user[avatar]": file(await jpeg(100, 100), "x.jpg", "image/jpeg"),
  });
  const next = (await avatarUrlOf(david, 2))!;
  expect(next).not.toBe(url);
  expect(campfire.count("active_storage_blobs")).toBe(1);
  const removed = await kevin.post("/users/me/avatar", { _method: "DELETE" });
  expect(removed.headers.get("location")).toBe("/users/me/profile");
  expect(campfire.count("active_storage_blobs")).toBe(0);
  expect(await avatarUrlOf(david, 2)).toBeNull();
  const initials = await david.get(next);
  expect(initials.headers.get("content-type")).toBe("image/svg+xml");
  const svg = await initials.text();
  expect(svg).toContain('rx="50"');
  expect(svg).toContain(">KMC</text>");
  expect(svg).toContain("scale(0.85 1)");
});

test("uploads are judged by their bytes: a BMP or a renamed text file is refused whatever it claims", async () => {
  const fake = await kevin.upload("/users/me/profile", {
    _method: "PATCH",
    "user[avatar]": file(new Uint8Array(Buffer.from("<svg onload=alert(1)>")), "evil.png", "image/png"),
  });
  expect(fake.status).toBe(422);
  expect(await fake.text()).toContain("Please choose a PNG, JPEG, GIF or WebP image.");
  const bitmap = await kevin.upload("/users/me/profile", {
    _method: "PATCH",
    "user[avatar]": file(bmp(), "old.bmp", "image/bmp"),
  });
  expect(bitmap.status).toBe(422);
  expect(campfire.count("active_storage_blobs")).toBe(0);
  // A PNG sent as "image/gif" named ".exe" is stored as what it is.
  await kevin.upload("/users/me/profile", {
    _method: "PATCH",
    "user[avatar]": file(png(10, 10), "x.exe", "image/gif"),
  });
  const blob = campfire.db
    .query<{ content_type: string; filename: string }, []>("SELECT * FROM active_storage_blobs")
    .get()!;
  expect(blob).toEqual(expect.objectContaining({ content_type: "image/png", filename: "x.png" }));
});
