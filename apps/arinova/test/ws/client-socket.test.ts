/**
 * /ws as the browser sees it (websocket.md §2): cookie auth at upgrade, the error replies for
 * bad frames, ping, the rate limit, the heartbeat, and that bad input changes nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Backend, pgliteBackend } from "../support/backends.ts";
import { signUp } from "../support/server.ts";
import { snapshot } from "../support/snapshot.ts";
import {
  AgentClient,
  as,
  browser,
  messagesOf,
  newAgent,
  newConversation,
  Socket,
  startWsServer,
  type WsServer,
} from "./harness.ts";

let backend: Backend;
let server: WsServer;

beforeAll(async () => {
  backend = await pgliteBackend();
  server = await startWsServer(backend.database);
}, 60_000);

afterAll(async () => {
  await server.close();
  await backend.dispose();
});

const errorFrame = (error: string, conversationId = "") => ({
  type: "stream_error",
  conversationId,
  messageId: "",
  seq: 0,
  error,
});

describe("connecting", () => {
  test("without a session the upgrade succeeds and the server closes with 4401", async () => {
    const anonymous = await browser(server, undefined);
    expect(await anonymous.closed).toEqual({ code: 4401, reason: "Unauthorized" });
  });

  test("a cookie with a wrong signature is no session", async () => {
    const user = await signUp(server.url);
    const [name, value] = user.cookie.split(";")[0]!.split("=") as [string, string];
    const token = decodeURIComponent(value).split(".")[0]!;
    const forged = `${name}=${encodeURIComponent(`${token}.${"A".repeat(43)}=`)}`;
    const socket = new Socket(`${server.wsUrl}/ws`, { cookie: forged });
    await socket.opened;
    expect(await socket.closed).toEqual({ code: 4401, reason: "Unauthorized" });
    const bare = new Socket(`${server.wsUrl}/ws`, { cookie: `${name}=${token}` });
    await bare.opened;
    expect((await bare.closed).code).toBe(4401);
  });

  test("a plain GET /ws is a 404 with an empty body", async () => {
    for (const path of ["/ws", "/ws/agent"]) {
      const response = await fetch(server.url + path);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe("");
    }
  });

  test("ping is answered with pong on that socket only", async () => {
    const user = await signUp(server.url);
    const one = await browser(server, user);
    const two = await browser(server, user);
    one.send({ type: "ping" });
    expect(await one.next()).toEqual({ type: "pong" });
    expect(await two.quiet(200)).toEqual([]);
    one.close();
    two.close();
  });
});

describe("bad frames", () => {
  test("each gets its exact error reply and nothing is stored", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user);
    const conversationId = await newConversation(server, user, agent.id);
    const tab = await browser(server, user);
    const before = await snapshot(backend.database);

    tab.send("{not json");
    expect(await tab.next()).toEqual(errorFrame("Invalid JSON"));
    tab.send({ type: "shout", conversationId });
    expect(await tab.next()).toEqual(errorFrame("Invalid message format"));
    tab.send({ type: "send_message", conversationId, content: "" });
    expect(await tab.next()).toEqual(errorFrame("Invalid message format"));
    tab.send({ type: "send_message", conversationId: "not-a-uuid", content: "hi" });
    expect(await tab.next()).toEqual(errorFrame("Invalid message format"));
    // Content over 32 000 characters fits the frame but not the schema.
    tab.send({ type: "send_message", conversationId, content: "x".repeat(32_001) });
    expect(await tab.next()).toEqual(errorFrame("Invalid message format"));
    // A frame over 32 768 characters is refused before it is even parsed.
    tab.send("x".repeat(32_769));
    expect(await tab.next()).toEqual(errorFrame("Message too large"));
    tab.send({ type: "ping", padding: "x".repeat(32_760) });
    expect(await tab.next()).toEqual(errorFrame("Message too large"));
    tab.sendRaw(new TextEncoder().encode("[1,2"));
    expect(await tab.next()).toEqual(errorFrame("Invalid JSON"));
    tab.sendRaw(new TextEncoder().encode(JSON.stringify({ type: "ping" })));
    expect(await tab.next()).toEqual({ type: "pong" });

    expect(await tab.quiet(200)).toEqual([]);
    expect(await snapshot(backend.database)).toBe(before);
    tab.close();
  });

  test("someone else's or an unknown conversation is ignored silently and changes nothing", async () => {
    const owner = await signUp(server.url);
    const intruder = await signUp(server.url);
    const agent = await newAgent(server, owner);
    const conversationId = await newConversation(server, owner, agent.id);
    const tab = await browser(server, intruder);
    const before = await snapshot(backend.database);
    const nil = "00000000-0000-0000-0000-000000000000";
    tab.send({ type: "send_message", conversationId, content: "let me in" });
    tab.send({ type: "send_message", conversationId: nil, content: "hi" });
    tab.send({ type: "cancel_stream", conversationId, messageId: nil });
    // The original wrote a read row for any existing conversation; only the owner's count here.
    tab.send({ type: "mark_read", conversationId, seq: 5 });
    tab.send({ type: "mark_read", conversationId: nil, seq: 5 });
    expect(await tab.quiet(400)).toEqual([]);
    // sync answers with the intruder's own (no) conversations, never the foreign one.
    tab.send({ type: "sync", conversations: { [conversationId]: 0 } });
    expect(await tab.next()).toEqual({ type: "sync_response", conversations: [], missedMessages: [] });
    expect(await snapshot(backend.database)).toBe(before);
    expect(await messagesOf(server, owner, conversationId)).toEqual([]);
    tab.close();
  });

  test("cancel_stream for someone else's running stream does not stop it", async () => {
    const owner = await signUp(server.url);
    const intruder = await signUp(server.url);
    const agent = await newAgent(server, owner);
    const conversationId = await newConversation(server, owner, agent.id);
    const bot = await AgentClient.connect(server, agent.secretToken);
    const mine = await browser(server, owner);
    const theirs = await browser(server, intruder);
    mine.send({ type: "send_message", conversationId, content: "keep going" });
    const task = await bot.task();
    theirs.send({ type: "cancel_stream", conversationId, messageId: task.taskId });
    expect(await theirs.quiet(300)).toEqual([]);
    bot.chunk(task.taskId, "still here");
    bot.complete(task.taskId, "still here");
    await mine.nextOfType("stream_start");
    expect((await mine.nextOfType("stream_chunk")).chunk).toBe("still here");
    await mine.nextOfType("stream_end");
    expect(mine.frames.filter((f) => f.type === "stream_error")).toEqual([]);
    bot.close();
    mine.close();
    theirs.close();
  });
});

describe("send_message", () => {
  test("content is scrubbed of scripts and event handlers before storage", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user);
    const conversationId = await newConversation(server, user, agent.id);
    const tab = await browser(server, user);
    tab.send({
      type: "send_message",
      conversationId,
      content: 'hello <script>alert(1)</script> <b onclick="x">b</b>',
    });
    await tab.nextOfType("stream_error");
    const [stored] = await messagesOf(server, user, conversationId);
    expect(stored?.content).toBe("hello  <b>b</b>");
    tab.close();
  });

  test("the eleventh message in a minute is refused with the rate-limit error", async () => {
    const user = await signUp(server.url);
    const tab = await browser(server, user);
    const nowhere = "11111111-1111-1111-1111-111111111111";
    // Sent just after a minute boundary would split the count; wait if one is close.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 58_000) await Bun.sleep(60_000 - intoMinute + 50);
    for (let i = 0; i < 11; i++)
      tab.send({ type: "send_message", conversationId: nowhere, content: `m${i}` });
    expect(await tab.next()).toEqual(
      errorFrame("Rate limit exceeded. Please wait before sending more messages.", nowhere),
    );
    expect(await tab.quiet(200)).toEqual([]);
    tab.close();
  });

  test("mark_read moves the read pointer up, never down", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user);
    const conversationId = await newConversation(server, user, agent.id);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "one" });
    await tab.nextOfType("stream_error");
    tab.send({ type: "mark_read", conversationId, seq: 2 });
    tab.send({ type: "mark_read", conversationId, seq: 1 });
    tab.send({ type: "focus", visible: true });
    // Neither mark_read nor focus is answered.
    expect(await tab.quiet(300)).toEqual([]);
    tab.send({ type: "sync", conversations: {} });
    const sync = await tab.nextOfType("sync_response");
    expect(sync.conversations).toEqual([
      expect.objectContaining({ conversationId, unreadCount: 0, maxSeq: 2, muted: false }),
    ]);
    const reply = await as(server, user, "GET", `/api/conversations/${conversationId}`);
    expect(reply.status).toBe(200);
    tab.close();
  });
});

describe("heartbeat", () => {
  test("a socket silent for the heartbeat period is closed with 4408", async () => {
    const quick = await startWsServer(backend.database, { realtime: { heartbeatMs: 600 } });
    try {
      const user = await signUp(quick.url);
      const tab = await browser(quick, user);
      const talking = await browser(quick, user);
      const keepAlive = setInterval(() => talking.send({ type: "ping" }), 200);
      expect(await tab.closed).toEqual({ code: 4408, reason: "Heartbeat timeout" });
      await Bun.sleep(300);
      clearInterval(keepAlive);
      expect(talking.frames.every((frame) => frame.type === "pong")).toBe(true);
      talking.close();
    } finally {
      await quick.close();
    }
  });
});
