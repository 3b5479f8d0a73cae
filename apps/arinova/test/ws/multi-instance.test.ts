/**
 * Two instances on one PostgreSQL and one Redis behave as one server: an agent connected to A
 * answers a user connected to B (streaming, cancel, completion), and offline events, agent
 * presence, replacement and the message rate limit are shared.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";
import webPush from "web-push";
import { type Backend, postgresBackend } from "../support/backends.ts";
import { signUp } from "../support/server.ts";
import {
  AgentClient,
  as,
  browser,
  messagesOf,
  newAgent,
  newConversation,
  startWsServer,
  until,
  type WsServer,
} from "./harness.ts";
import { type PushEndpoint, startPushEndpoint } from "./push-endpoint.ts";

const databaseUrl = await serviceUrl("TEST_DATABASE_URL");
const redisUrl = await serviceUrl("TEST_REDIS_URL");

describe.skipIf(!databaseUrl || !redisUrl)("two instances on PostgreSQL + Redis", () => {
  let backend: Backend;
  let prefix: string;
  const clients: Redis[] = [];
  let a: WsServer;
  let b: WsServer;
  let pushService: PushEndpoint;
  const vapid = webPush.generateVAPIDKeys();

  const instance = async (): Promise<WsServer> => {
    const redis = new Redis(redisUrl!, { keyPrefix: prefix });
    clients.push(redis);
    return startWsServer(backend.database, {
      redis,
      env: { REDIS_URL: redisUrl!, VAPID_PUBLIC_KEY: vapid.publicKey, VAPID_PRIVATE_KEY: vapid.privateKey },
    });
  };

  beforeAll(async () => {
    backend = await postgresBackend(databaseUrl!)();
    prefix = `${uniqueName("arinova_ws")}:`;
    a = await instance();
    b = await instance();
    pushService = await startPushEndpoint(vapid.publicKey);
  }, 60_000);

  afterAll(async () => {
    pushService.close();
    await a.close();
    await b.close();
    const cleanup = new Redis(redisUrl!);
    const keys = await cleanup.keys(`${prefix}*`);
    if (keys.length > 0) await cleanup.del(...keys);
    await cleanup.quit();
    for (const client of clients) await client.quit();
    await backend.dispose();
  });

  test("an agent on A streams to a user on B; the final text is stored", async () => {
    const user = await signUp(b.url);
    const agent = await newAgent(b, user, { systemPrompt: "Be brief" });
    const conversationId = await newConversation(b, user, agent.id);
    const bot = await AgentClient.connect(a, agent.secretToken, [{ id: "s", name: "S", description: "" }]);
    await until(
      () => as(b, user, "GET", `/api/agents/${agent.id}/skills`),
      (reply) => (reply.body as { skills: unknown[] }).skills.length === 1,
    );
    const tab = await browser(b, user);
    tab.send({ type: "send_message", conversationId, content: "hi from B" });
    const start = await tab.nextOfType("stream_start");
    const task = await bot.task();
    expect(task.taskId).toBe(start.messageId as string);
    expect(task.content).toBe("[System Prompt]\nBe brief\n\n[User Message]\nhi from B");
    bot.chunk(task.taskId, "Hel");
    bot.chunk(task.taskId, "Hello");
    bot.chunk(task.taskId, " there");
    const chunks = [
      await tab.nextOfType("stream_chunk"),
      await tab.nextOfType("stream_chunk"),
      await tab.nextOfType("stream_chunk"),
    ];
    expect(chunks.map((c) => c.chunk)).toEqual(["Hel", "lo", " there"]);
    // Mid-stream, REST on either instance shows the text so far.
    const partial = await messagesOf(a, user, conversationId);
    expect(partial[1]).toMatchObject({ status: "streaming", content: "Hello there" });
    bot.complete(task.taskId, "Hello there!");
    expect(await tab.nextOfType("stream_end")).toEqual({
      type: "stream_end",
      conversationId,
      messageId: task.taskId,
      seq: 2,
    });
    expect((await messagesOf(a, user, conversationId))[1]).toMatchObject({
      status: "completed",
      content: "Hello there!",
    });
    bot.close();
    tab.close();
  });

  test("cancel on B stops a task held on A", async () => {
    const user = await signUp(a.url);
    const agent = await newAgent(a, user);
    const conversationId = await newConversation(a, user, agent.id);
    const bot = await AgentClient.connect(a, agent.secretToken);
    const tab = await browser(b, user);
    tab.send({ type: "send_message", conversationId, content: "go on" });
    const task = await bot.task();
    bot.chunk(task.taskId, "x");
    await tab.nextOfType("stream_chunk");
    tab.send({ type: "cancel_stream", conversationId, messageId: task.taskId });
    expect((await tab.nextOfType("stream_error")).error).toBe("Stream cancelled");
    bot.chunk(task.taskId, "y");
    expect(await tab.quiet(300)).toEqual([]);
    // The conversation is free again: the next message starts a new turn.
    tab.send({ type: "send_message", conversationId, content: "again" });
    const next = await bot.task();
    bot.complete(next.taskId, "done");
    await tab.nextOfType("stream_end");
    bot.close();
    tab.close();
  });

  test("events for a user offline everywhere wait in Redis and reach them on the other instance", async () => {
    const user = await signUp(a.url);
    const agent = await newAgent(a, user);
    const conversationId = await newConversation(a, user, agent.id);
    const bot = await AgentClient.connect(b, agent.secretToken);
    const tab = await browser(a, user);
    tab.send({ type: "send_message", conversationId, content: "later" });
    const task = await bot.task();
    await tab.nextOfType("stream_start");
    tab.close();
    await tab.closed;
    await Bun.sleep(150);
    bot.chunk(task.taskId, "same");
    bot.chunk(task.taskId, "+");
    bot.chunk(task.taskId, "same");
    bot.complete(task.taskId, "same+same");
    await until(
      () => messagesOf(a, user, conversationId),
      (list) => list[1]?.status === "completed",
    );
    const back = await browser(b, user);
    const frames = [await back.next(), await back.next(), await back.next(), await back.next()];
    expect(frames.map((f) => (f.type === "stream_chunk" ? f.chunk : f.type))).toEqual([
      "same",
      "+",
      "same",
      "stream_end",
    ]);
    bot.close();
    back.close();
  });

  test("a connection on B replaces the agent's connection on A with 4409", async () => {
    const user = await signUp(a.url);
    const agent = await newAgent(a, user);
    const conversationId = await newConversation(a, user, agent.id);
    const first = await AgentClient.connect(a, agent.secretToken);
    const second = await AgentClient.connect(b, agent.secretToken);
    expect(await first.socket.closed).toEqual({ code: 4409, reason: "Replaced by new connection" });
    const tab = await browser(a, user);
    tab.send({ type: "send_message", conversationId, content: "who answers?" });
    const task = await second.task();
    second.complete(task.taskId, "B does");
    await tab.nextOfType("stream_end");
    second.close();
    tab.close();
  });

  test("the message rate limit counts across instances; seqs stay distinct under load on both", async () => {
    const user = await signUp(a.url);
    const agent = await newAgent(a, user);
    const conversationId = await newConversation(a, user, agent.id);
    const onA = await browser(a, user);
    const onB = await browser(b, user);
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 55_000) await Bun.sleep(60_000 - intoMinute + 50);
    for (let i = 0; i < 5; i++) {
      onA.send({ type: "send_message", conversationId, content: `a${i}` });
      onB.send({ type: "send_message", conversationId, content: `b${i}` });
    }
    const stored = await until(
      () => messagesOf(a, user, conversationId),
      (list) => list.length === 20,
    );
    // No agent is connected: each message gets its "not connected" answer; 20 rows, 20 seqs.
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    onB.send({ type: "send_message", conversationId, content: "one too many" });
    expect(
      (
        await onB.nextOfType("stream_error", 5000).then(async function skip(frame): Promise<
          Record<string, unknown>
        > {
          return frame.messageId === "" ? frame : skip(await onB.nextOfType("stream_error"));
        })
      ).error,
    ).toBe("Rate limit exceeded. Please wait before sending more messages.");
    onA.close();
    onB.close();
  });

  test("a message sent on B while a stream runs for A's tab waits its turn", async () => {
    const user = await signUp(a.url);
    const agent = await newAgent(a, user);
    const conversationId = await newConversation(a, user, agent.id);
    const bot = await AgentClient.connect(a, agent.secretToken);
    const onA = await browser(a, user);
    const onB = await browser(b, user);
    onA.send({ type: "send_message", conversationId, content: "first" });
    const first = await bot.task();
    onB.send({ type: "send_message", conversationId, content: "second" });
    expect((await bot.socket.quiet(400)).filter((f) => f.type === "task")).toEqual([]);
    bot.complete(first.taskId, "one");
    const second = await bot.task();
    expect(second.content).toBe("second");
    bot.complete(second.taskId, "two");
    const stored = await until(
      () => messagesOf(b, user, conversationId),
      (list) => list.length === 4 && list[3]?.status === "completed",
    );
    expect(stored.map((m) => [m.seq, m.role, m.content])).toEqual([
      [1, "user", "first"],
      [2, "agent", "one"],
      [3, "user", "second"],
      [4, "agent", "two"],
    ]);
    bot.close();
    onA.close();
    onB.close();
  });

  test("a tab in the foreground on A suppresses the push for an answer finished on B", async () => {
    const user = await signUp(a.url);
    const agent = await newAgent(a, user, { name: "Pusher" });
    const conversationId = await newConversation(a, user, agent.id);
    const path = `/push/${uniqueName("multi")}`;
    const subscribed = await as(a, user, "POST", "/api/push/subscribe", pushService.subscription(path));
    expect(subscribed.status).toBe(201);
    const bot = await AgentClient.connect(b, agent.secretToken);
    const tab = await browser(a, user);
    const pushesTo = () => pushService.received.filter((push) => push.path === path);
    const answer = async (content: string) => {
      tab.send({ type: "send_message", conversationId, content: "q" });
      const task = await bot.task();
      bot.complete(task.taskId, content);
      await tab.nextOfType("stream_end");
    };

    tab.send({ type: "focus", visible: true });
    await Bun.sleep(200);
    await answer("seen live");
    await Bun.sleep(300);
    expect(pushesTo()).toEqual([]);

    tab.send({ type: "focus", visible: false });
    await Bun.sleep(200);
    await answer("read later");
    const pushes = await until(
      async () => pushesTo(),
      (list) => list.length > 0,
    );
    expect(pushes.map((push) => push.payload)).toEqual([
      { type: "message", title: "Pusher", body: "read later", url: `/chat/${conversationId}` },
    ]);
    expect(pushService.rejected).toEqual([]);
    bot.close();
    tab.close();
  });
});
