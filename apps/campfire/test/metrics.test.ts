import { afterEach, expect, test } from "bun:test";
import { CableClient } from "./support/cable.ts";
import { RunningCampfire, setUp } from "./support/campfire.ts";

// GET /metrics (Prometheus): sockets, posted messages and HTTP latency, readable from this machine or
// with the configured token, and from nowhere else.
let campfire: RunningCampfire;
afterEach(() => campfire.stop());

const metricValue = (text: string, name: string) =>
  Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, "m").exec(text)?.[1] ?? Number.NaN);

test("sockets, posted messages and request latency, scraped from loopback", async () => {
  campfire = RunningCampfire.start();
  const david = await setUp(campfire);
  await david.get("/rooms/1");
  const socket = await CableClient.connect(campfire.wsUrl, david);
  await david.post("/rooms/1/messages", { "message[body]": "<div>one</div>" });
  await david.post("/rooms/1/messages", { "message[body]": "<div>two</div>" });

  const response = await fetch(`${campfire.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/plain");
  const text = await response.text();
  expect(metricValue(text, "campfire_connected_sockets")).toBe(1);
  expect(metricValue(text, "campfire_messages_posted_total")).toBe(2);
  expect(text).toContain('app="campfire"');
  expect(text).toMatch(
    /http_request_duration_seconds_count\{[^}]*route="\/rooms\/:room_id\/messages"[^}]*\} 2/,
  );
  expect(text).toMatch(/http_requests_total\{[^}]*route="\/first_run"/);

  socket.close();
  await socket.closed;
  await Bun.sleep(20);
  expect(
    metricValue(await (await fetch(`${campfire.url}/metrics`)).text(), "campfire_connected_sockets"),
  ).toBe(0);
});

test("a request that came through a proxy is not local: 404 unless it carries the token", async () => {
  campfire = RunningCampfire.start();
  for (const header of ["x-forwarded-for", "forwarded", "x-real-ip"]) {
    expect((await fetch(`${campfire.url}/metrics`, { headers: { [header]: "203.0.113.9" } })).status).toBe(
      404,
    );
  }
  await campfire.stop();

  campfire = RunningCampfire.start({ metricsToken: "scrape-me-please" });
  const proxied = { "x-forwarded-for": "203.0.113.9" };
  const wrong = await fetch(`${campfire.url}/metrics`, {
    headers: { ...proxied, authorization: "Bearer nope" },
  });
  expect(wrong.status).toBe(404);
  const right = await fetch(`${campfire.url}/metrics`, {
    headers: { ...proxied, authorization: "Bearer scrape-me-please" },
  });
  expect(right.status).toBe(200);
  expect(await right.text()).toContain("campfire_connected_sockets");
});
