/**
 * GET /metrics: the pipeline's series move with a real stream over real sockets, HTTP latency
 * is labelled by route pattern, and the route answers only this host (no proxy in between)
 * or a METRICS_TOKEN bearer; everyone else gets the ordinary unknown-route 404.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Backend, pgliteBackend } from "../support/backends.ts";
import { signUp } from "../support/server.ts";
import {
  AgentClient,
  as,
  browser,
  newAgent,
  newConversation,
  startWsServer,
  type WsServer,
} from "../ws/harness.ts";

const TOKEN = "scrape-token-0123456789";
let backend: Backend;
let server: WsServer;

beforeAll(async () => {
  backend = await pgliteBackend();
  server = await startWsServer(backend.database, { env: { METRICS_TOKEN: TOKEN } });
}, 60_000);

afterAll(async () => {
  await server.close();
  await backend.dispose();
});

const scrape = async (headers: Record<string, string> = {}) => {
  const response = await fetch(`${server.url}/metrics`, { headers });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
};

/** The value of one series line, e.g. `arinova_ws_users{app="arinova"}`. */
const value = (text: string, series: string): number | undefined => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

/** Bun's server as the fetch handler sees it, claiming a given peer address. */
const fromPeer = (address: string) => ({ requestIP: () => ({ address, family: "IPv4", port: 40000 }) });

describe("GET /metrics", () => {
  test("connections, streams, stored messages, chunks and HTTP latency by route", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user);
    const conversationId = await newConversation(server, user, agent.id);
    const bot = await AgentClient.connect(server, agent.secretToken);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "hi" });
    const task = await bot.task();
    bot.chunk(task.taskId, "Hel");
    bot.chunk(task.taskId, "lo");
    await tab.nextOfType("stream_chunk");
    await tab.nextOfType("stream_chunk");

    const during = await scrape();
    expect(during.status).toBe(200);
    expect(during.type).toContain("text/plain");
    expect(value(during.text, 'arinova_ws_users{app="arinova"}')).toBe(1);
    expect(value(during.text, 'arinova_ws_agents{app="arinova"}')).toBe(1);
    expect(value(during.text, 'arinova_active_streams{app="arinova"}')).toBe(1);
    expect(value(during.text, 'arinova_messages_stored_total{role="user",app="arinova"}')).toBe(1);
    expect(value(during.text, 'arinova_messages_stored_total{role="agent",app="arinova"}')).toBe(1);
    expect(value(during.text, 'arinova_chunks_relayed_total{app="arinova"}')).toBe(2);

    bot.complete(task.taskId, "Hello");
    await tab.nextOfType("stream_end");
    await as(server, user, "GET", `/api/conversations/${conversationId}/messages`);
    tab.close();
    bot.close();
    await tab.closed;
    await bot.socket.closed;
    await Bun.sleep(50);

    const after = await scrape();
    expect(value(after.text, 'arinova_ws_users{app="arinova"}')).toBe(0);
    expect(value(after.text, 'arinova_ws_agents{app="arinova"}')).toBe(0);
    expect(value(after.text, 'arinova_active_streams{app="arinova"}')).toBe(0);
    expect(after.text).toContain(
      'http_request_duration_seconds_count{app="arinova",method="GET",route="/api/conversations/:id/messages",status="200"} 1',
    );
    // Push series exist from the start (sent/failed are counted in test/ws/push.test.ts).
    expect(after.text).toContain("# TYPE arinova_push_total counter");
  });

  test("a loopback request that came through a proxy is refused like an unknown route", async () => {
    for (const header of ["x-forwarded-for", "forwarded", "x-real-ip"]) {
      const refused = await scrape({ [header]: "203.0.113.9" });
      expect(refused.status).toBe(404);
      expect(JSON.parse(refused.text)).toEqual({
        message: "Route GET:/metrics not found",
        error: "Not Found",
        statusCode: 404,
      });
    }
  });

  test("from another host: only with the configured bearer token", async () => {
    const request = (authorization?: string) =>
      server.arinova.fetch(
        new Request("http://arinova.test/metrics", {
          headers: authorization === undefined ? {} : { authorization },
        }),
        fromPeer("203.0.113.5"),
      );
    expect((await request()).status).toBe(404);
    expect((await request("Bearer wrong")).status).toBe(404);
    expect((await request(TOKEN)).status).toBe(404);
    const allowed = await request(`Bearer ${TOKEN}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain("arinova_ws_users");
    // The token also lets a scrape through a proxy.
    expect(
      (await scrape({ "x-forwarded-for": "203.0.113.9", authorization: `Bearer ${TOKEN}` })).status,
    ).toBe(200);
  });

  test("without METRICS_TOKEN another host gets nothing, whatever it sends", async () => {
    const open = await startWsServer(backend.database);
    try {
      const response = await open.arinova.fetch(
        new Request("http://arinova.test/metrics", { headers: { authorization: "Bearer " } }),
        fromPeer("10.1.2.3"),
      );
      expect(response.status).toBe(404);
      expect((await fetch(`${open.url}/metrics`)).status).toBe(200);
    } finally {
      await open.close();
    }
  });
});
