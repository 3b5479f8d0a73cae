/**
 * Reconnection (websocket.md §2.5, §2.6): the offline queue replayed in order without
 * collapsing equal events, sync_response summaries and missed messages, re-attaching a running
 * stream, and a restart that leaves no message stuck in `streaming`.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Backend, pgliteBackend } from "../support/backends.ts";
import { signUp } from "../support/server.ts";
import {
  AgentClient,
  agentChat,
  as,
  browser,
  messagesOf,
  newAgent,
  newConversation,
  startWsServer,
  until,
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

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("sync", () => {
  test("a user without conversations still gets an answer", async () => {
    const user = await signUp(server.url);
    const tab = await browser(server, user);
    tab.send({ type: "sync", conversations: {} });
    expect(await tab.next()).toEqual({ type: "sync_response", conversations: [], missedMessages: [] });
    tab.close();
  });

  test("summaries for every conversation, missed messages above the client's seq, to every tab", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user);
    const conversationId = await newConversation(server, user, agent.id);
    const quiet = await newConversation(server, user, agent.id);
    const bot = await AgentClient.connect(server, agent.secretToken);
    const tab = await browser(server, user);
    const other = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "question" });
    const task = await bot.task();
    bot.complete(task.taskId, "answer");
    await tab.nextOfType("stream_end");
    await as(server, user, "PUT", `/api/conversations/${quiet}/mute`, { muted: true });

    tab.send({ type: "sync", conversations: { [conversationId]: 1, [quiet]: 0 } });
    const response = await tab.nextOfType("sync_response");
    expect(await other.nextOfType("sync_response")).toEqual(response);
    const summaries = response.conversations as Record<string, unknown>[];
    expect(summaries).toHaveLength(2);
    expect(summaries.find((s) => s.conversationId === conversationId)).toEqual({
      conversationId,
      unreadCount: 2,
      maxSeq: 2,
      muted: false,
      lastMessage: {
        content: "answer",
        role: "agent",
        status: "completed",
        createdAt: expect.stringMatching(ISO),
      },
    });
    expect(summaries.find((s) => s.conversationId === quiet)).toEqual({
      conversationId: quiet,
      unreadCount: 0,
      maxSeq: 0,
      muted: true,
      lastMessage: null,
    });
    expect(response.missedMessages).toEqual([
      {
        id: task.taskId,
        conversationId,
        seq: 2,
        role: "agent",
        content: "answer",
        status: "completed",
        createdAt: expect.stringMatching(ISO),
      },
    ]);
    bot.close();
    tab.close();
    other.close();
  });
});

describe("offline delivery", () => {
  test("events for an offline user are replayed in order, equal ones kept, then sync re-attaches", async () => {
    const { user, conversationId, bot } = await agentChat(server);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "tell me" });
    const start = await tab.nextOfType("stream_start");
    const task = await bot.task();
    tab.close();
    await tab.closed;
    await Bun.sleep(100);

    bot.chunk(task.taskId, "ha");
    bot.chunk(task.taskId, "!");
    bot.chunk(task.taskId, "ha");
    await Bun.sleep(200);

    const back = await browser(server, user);
    const chunk = (text: string) => ({
      type: "stream_chunk",
      conversationId,
      messageId: task.taskId,
      seq: 2,
      chunk: text,
    });
    expect([await back.next(), await back.next(), await back.next()]).toEqual([
      chunk("ha"),
      chunk("!"),
      chunk("ha"),
    ]);

    back.send({ type: "sync", conversations: { [conversationId]: 1 } });
    const response = await back.nextOfType("sync_response");
    expect(response.missedMessages).toEqual([
      expect.objectContaining({ id: task.taskId, status: "streaming", content: "ha!ha" }),
    ]);
    expect(await back.next()).toEqual({
      type: "stream_start",
      conversationId,
      messageId: start.messageId,
      seq: 2,
    });
    expect(await back.next()).toEqual(chunk("ha!ha"));

    bot.complete(task.taskId, "ha!ha");
    expect((await back.next()).type).toBe("stream_end");
    bot.close();
    back.close();
  });

  test("a restart mid-stream leaves no message streaming: the user sees a stream_error", async () => {
    const { user, conversationId, bot } = await agentChat(server);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "slow one" });
    const task = await bot.task();
    bot.chunk(task.taskId, "partial");
    await tab.nextOfType("stream_chunk");
    tab.close();
    await tab.closed;

    // A second process on the same database knows nothing of the first one's stream, as after a crash.
    const restarted = await startWsServer(backend.database);
    try {
      const stored = await until(
        () => messagesOf(restarted, user, conversationId),
        (list) => list[1]?.status === "error",
      );
      expect(stored[1]).toMatchObject({ id: task.taskId, status: "error", content: "Stream interrupted" });
      const back = await browser(restarted, user);
      expect(await back.next()).toEqual({
        type: "stream_error",
        conversationId,
        messageId: task.taskId,
        seq: 2,
        error: "Stream interrupted",
      });
      // The old process's agent finishing late changes nothing.
      bot.complete(task.taskId, "too late");
      await Bun.sleep(200);
      expect((await messagesOf(restarted, user, conversationId))[1]?.content).toBe("Stream interrupted");
      back.close();
    } finally {
      bot.close();
      await restarted.close();
    }
  });
});
