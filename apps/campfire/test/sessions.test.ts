import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { RedisRateLimiter } from "@rt/kit";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";
import { PASSWORD, RunningCampfire, setUp } from "./support/campfire.ts";

const redisUrl = await serviceUrl("TEST_REDIS_URL");

let campfire: RunningCampfire;
beforeEach(async () => {
  campfire = RunningCampfire.start();
  await setUp(campfire);
});
afterEach(() => campfire.stop());

// Each test signs in from its own address so the sign-in throttle only sees its own attempts.
function visitorFrom(ip: string) {
  return campfire.browser({ "x-forwarded-for": ip });
}

test("a wrong password is refused with 401 and no session", async () => {
  const browser = visitorFrom("203.0.113.1");
  await browser.get("/session/new");
  const response = await browser.post("/session", { email_address: "david@example.com", password: "wrong" });
  expect(response.status).toBe(401);
  expect(await response.text()).toContain("Too many requests or unauthorized.");
  expect(browser.cookie("session_token")).toBeUndefined();
  expect(campfire.count("sessions")).toBe(1);
});

test("an unknown email is refused the same way", async () => {
  const browser = visitorFrom("203.0.113.2");
  await browser.get("/session/new");
  const response = await browser.post("/session", {
    email_address: "nobody@example.com",
    password: PASSWORD,
  });
  expect(response.status).toBe(401);
});

test("the right password signs in and returns to the page first asked for", async () => {
  const browser = visitorFrom("203.0.113.3");
  expect((await browser.get("/account/edit")).headers.get("location")).toBe("/session/new");
  const form = await browser.get("/session/new");
  expect(await form.text()).toContain('name="email_address"');
  const response = await browser.post("/session", { email_address: "david@example.com", password: PASSWORD });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/account/edit");
  expect(browser.cookie("session_token")).toBeDefined();
  const session = campfire.db
    .query<{ ip_address: string; user_agent: string | null }, []>("SELECT * FROM sessions ORDER BY id DESC")
    .get()!;
  expect(session.ip_address).toBe("203.0.113.3");
  expect((await browser.get("/account/edit")).status).toBe(200);
});

test("the eleventh attempt within three minutes is throttled with 429, even with the right password", async () => {
  const browser = visitorFrom("203.0.113.4");
  await browser.get("/session/new");
  for (let attempt = 0; attempt < 10; attempt++) {
    const response = await browser.post("/session", {
      email_address: "david@example.com",
      password: "wrong",
    });
    expect(response.status).toBe(401);
  }
  const throttled = await browser.post("/session", {
    email_address: "david@example.com",
    password: PASSWORD,
  });
  expect(throttled.status).toBe(429);
  expect(await throttled.text()).toContain("Too many requests or unauthorized.");
  expect(browser.cookie("session_token")).toBeUndefined();

  // Another address is not affected.
  const neighbour = visitorFrom("203.0.113.5");
  await neighbour.get("/session/new");
  const allowed = await neighbour.post("/session", {
    email_address: "david@example.com",
    password: PASSWORD,
  });
  expect(allowed.status).toBe(302);
});

test("a session survives an app restart on the same database", async () => {
  const browser = visitorFrom("203.0.113.6");
  await browser.get("/session/new");
  await browser.post("/session", { email_address: "david@example.com", password: PASSWORD });
  await campfire.restart();
  browser.baseUrl = campfire.url;
  const page = await browser.get("/account/edit");
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Invite people");
});

test("a tampered session cookie is not trusted", async () => {
  const browser = visitorFrom("203.0.113.7");
  await browser.get("/session/new");
  await browser.post("/session", { email_address: "david@example.com", password: PASSWORD });
  const token = campfire.db
    .query<{ token: string }, []>("SELECT token FROM sessions ORDER BY id DESC")
    .get()!;
  const response = await fetch(`${campfire.url}/account/edit`, {
    redirect: "manual",
    headers: { cookie: `session_token=${token.token}.bm90LWEtc2lnbmF0dXJl` },
  });
  expect(response.headers.get("location")).toBe("/session/new");
});

test("signing out with DELETE /session (a form's _method) ends the session", async () => {
  const browser = visitorFrom("203.0.113.8");
  await browser.get("/session/new");
  await browser.post("/session", { email_address: "david@example.com", password: PASSWORD });
  await browser.get("/account/edit");
  const sessionsBefore = campfire.count("sessions");
  const response = await browser.post("/session", { _method: "DELETE" });
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe("/");
  expect(browser.cookie("session_token")).toBeUndefined();
  expect(campfire.count("sessions")).toBe(sessionsBefore - 1);
  expect((await browser.get("/account/edit")).headers.get("location")).toBe("/session/new");
});

test("deactivated people cannot sign in", async () => {
  campfire.db.run("UPDATE users SET status = 1");
  const browser = visitorFrom("203.0.113.9");
  await browser.get("/session/new");
  const response = await browser.post("/session", { email_address: "david@example.com", password: PASSWORD });
  expect(response.status).toBe(401);
});

test("a banned address may read but not change anything", async () => {
  campfire.db.run(
    "INSERT INTO bans (user_id, ip_address, created_at, updated_at) VALUES (1, '198.51.100.7', '2026-01-01', '2026-01-01')",
  );
  const browser = visitorFrom("198.51.100.7");
  expect((await browser.get("/session/new")).status).toBe(200);
  const response = await browser.post("/session", { email_address: "david@example.com", password: PASSWORD });
  expect(response.status).toBe(429);
  expect(browser.cookie("session_token")).toBeUndefined();
});

describe.skipIf(!redisUrl)("with several instances", () => {
  test("the sign-in throttle is shared through Redis", async () => {
    const redis = new Redis(redisUrl ?? "");
    const prefix = `${uniqueName("campfire_rl")}:`;
    const first = RunningCampfire.start({ rateLimiter: new RedisRateLimiter(redis, { prefix }) });
    await setUp(first);
    // A second instance on the same database, as behind a load balancer.
    const second = RunningCampfire.startIn(first.dir, {
      rateLimiter: new RedisRateLimiter(redis, { prefix }),
    });
    try {
      const onFirst = first.browser({ "x-forwarded-for": "203.0.113.9" });
      const onSecond = second.browser({ "x-forwarded-for": "203.0.113.9" });
      await onFirst.get("/session/new");
      await onSecond.get("/session/new");
      const wrong = { email_address: "david@example.com", password: "wrong" };
      for (let attempt = 0; attempt < 5; attempt++) {
        expect((await onFirst.post("/session", wrong)).status).toBe(401);
        expect((await onSecond.post("/session", wrong)).status).toBe(401);
      }
      const throttled = await onFirst.post("/session", {
        email_address: "david@example.com",
        password: PASSWORD,
      });
      expect(throttled.status).toBe(429);
    } finally {
      await second.stop();
      await first.stop();
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
  });
});
