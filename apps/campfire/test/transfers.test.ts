import { afterEach, beforeEach, expect, setSystemTime, test } from "bun:test";
import type { Browser } from "./support/browser.ts";
import { joinCodeOf, KEVIN, RunningCampfire, setUpWith } from "./support/campfire.ts";

// Sign-in links for another device and QR codes (features.md §2.3, http.md §2.1, §2.3).
let campfire: RunningCampfire;
let david: Browser;
let kevin: Browser;

beforeEach(async () => {
  campfire = RunningCampfire.start();
  [david, kevin] = await setUpWith(campfire, KEVIN);
});
afterEach(async () => {
  setSystemTime();
  await campfire.stop();
});

const transferPathOn = async (browser: Browser, page: string) => {
  const html = await (await browser.get(page)).text();
  return new URL(html.match(/value="(http[^"]+\/session\/transfers\/[^"]+)"/)![1]!).pathname;
};

test("the profile's sign-in link signs that person in on another device, only through the form", async () => {
  const path = await transferPathOn(kevin, "/users/me/profile");
  const phone = campfire.browser();
  const shown = await phone.get(path);
  expect(shown.status).toBe(200);
  const form = await shown.text();
  expect(form).toContain("data-submit-on-load");
  expect(form).toContain('name="_method" value="PUT"');
  // Looking at the link signed nobody in.
  expect((await phone.get("/")).headers.get("location")).toBe("/session/new");
  await phone.get(path);
  const signedIn = await phone.post(path, { _method: "PUT" });
  expect(signedIn.status).toBe(302);
  expect((await phone.get("/rooms/1")).status).toBe(200);
  expect(await (await phone.get("/users/me/profile")).text()).toContain('value="kevin@example.com"');
  // Reusable until it expires.
  const tablet = campfire.browser();
  await tablet.get(path);
  expect((await tablet.post(path, { _method: "PUT" })).status).toBe(302);
});

test("links expire after 4 hours, forged ones and deactivated people's are refused with 400", async () => {
  const path = await transferPathOn(kevin, "/users/me/profile");
  const later = campfire.browser();
  await later.get(path);
  setSystemTime(new Date(Date.now() + 4 * 60 * 60 * 1000 + 1000));
  expect((await later.post(path, { _method: "PUT" })).status).toBe(400);
  setSystemTime();
  const forged = path.replace(/--.+$/, "--AAAA");
  await later.get(forged);
  expect((await later.post(forged, { _method: "PUT" })).status).toBe(400);
  // An avatar token is not a sign-in link.
  campfire.db.run("UPDATE users SET status = 1 WHERE id = 2");
  await later.get(path);
  expect((await later.post(path, { _method: "PUT" })).status).toBe(400);
});

test("administrators get anyone's sign-in link on their page; members never see another's", async () => {
  const path = await transferPathOn(david, "/users/2");
  const device = campfire.browser();
  await device.get(path);
  await device.post(path, { _method: "PUT" });
  expect(await (await device.get("/users/me/profile")).text()).toContain('value="kevin@example.com"');
  expect(await (await kevin.get("/users/1")).text()).not.toContain("/session/transfers/");
});

test("QR codes are public SVGs, cached for a year, for this Campfire's own links only", async () => {
  const url = `${campfire.url}/join/${joinCodeOf(campfire)}`;
  const qr = await fetch(`${campfire.url}/qr_code/${Buffer.from(url).toString("base64url")}`);
  expect(qr.status).toBe(200);
  expect(qr.headers.get("content-type")).toBe("image/svg+xml");
  expect(qr.headers.get("cache-control")).toBe("public, max-age=31536000");
  const svg = await qr.text();
  expect(svg).toStartWith("<svg");
  expect(svg).toContain('fill="#ffffff"');
  expect(svg).toContain('stroke="#000000"');
  const foreign = Buffer.from("https://evil.example/login").toString("base64url");
  expect((await fetch(`${campfire.url}/qr_code/${foreign}`)).status).toBe(404);
});
