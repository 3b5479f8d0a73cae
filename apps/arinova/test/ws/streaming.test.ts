/**
 * The streaming pipeline end to end over real sockets (websocket.md §4): a browser with a real
 * session cookie sends, an SDK-protocol agent answers in delta and accumulated chunks, and the
 * stored messages and events match the original's transcript.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { asc, eq, sql } from "drizzle-orm";
import { messages } from "../../src/db/schema/index.ts";
import { type Backend, pgliteBackend } from "../support/backends.ts";
import { signUp } from "../support/server.ts";
import {
  AgentClient,
  agentChat,
  as,
  browser,
  expectTurnFailed,
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
  server = await startWsServer(backend.database, { realtime: { taskIdleMs: 1500 } });
}, 60_000);

afterAll(async () => {
  await server.close();
  await backend.dispose();
});

describe("streaming pipeline", () => {
  test("a stream start stores the user message and the answer in one commit; a queued turn writes nothing early", async () => {
    const { user, conversationId, bot } = await agentChat(server);
    const tab = await browser(server, user);
    const rows = () =>
      server.database.db
        .select({
          seq: messages.seq,
          role: messages.role,
          status: messages.status,
          xmin: sql<string>`${messages}.xmin::text`,
        })
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(asc(messages.seq));

    tab.send({ type: "send_message", conversationId, content: "first" });
    const task = await bot.task();
    tab.send({ type: "send_message", conversationId, content: "second (queued)" });
    const queued = await until(rows, (r) => r.length === 3);
    expect(queued.map((r) => [r.seq, r.role, r.status])).toEqual([
      [1, "user", "completed"],
      [2, "agent", "streaming"],
      [3, "user", "completed"],
    ]);
    expect(queued[0]!.xmin).toBe(queued[1]!.xmin);
    expect(queued[2]!.xmin).not.toBe(queued[1]!.xmin);
    await tab.quiet(200);
    expect(tab.frames.filter((f) => f.type === "stream_start").map((f) => f.seq)).toEqual([2]);

    bot.complete(task.taskId, "one");
    const next = await bot.task();
    bot.complete(next.taskId, "two");
    const done = await until(rows, (r) => r.length === 4 && r[3]!.status === "completed");
    expect(done.map((r) => [r.seq, r.role, r.status])).toEqual([
      [1, "user", "completed"],
      [2, "agent", "completed"],
      [3, "user", "completed"],
      [4, "agent", "completed"],
    ]);
    bot.close();
    tab.close();
  });

  test("the original's transcript: system prompt, delta and accumulated chunks, final text, queue", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user, { systemPrompt: "Be nice" });
    const conversationId = await newConversation(server, user, agent.id);
    const bot = await AgentClient.connect(server, agent.secretToken);
    const tab = await browser(server, user);

    tab.send({ type: "send_message", conversationId, content: "second" });
    tab.send({ type: "send_message", conversationId, content: "third (queued)" });

    const start = await tab.nextOfType("stream_start");
    const task = await bot.task();
    expect(task).toEqual({
      type: "task",
      taskId: start.messageId as string,
      conversationId,
      content: "[System Prompt]\nBe nice\n\n[User Message]\nsecond",
    } as unknown as typeof task);
    expect(start).toEqual({ type: "stream_start", conversationId, messageId: task.taskId, seq: 2 });

    bot.chunk(task.taskId, "Hel");
    bot.chunk(task.taskId, "Hello");
    bot.chunk(task.taskId, " world");
    const chunks = [
      await tab.nextOfType("stream_chunk"),
      await tab.nextOfType("stream_chunk"),
      await tab.nextOfType("stream_chunk"),
    ];
    expect(chunks.map((c) => c.chunk)).toEqual(["Hel", "lo", " world"]);
    expect(chunks[0]).toEqual({
      type: "stream_chunk",
      conversationId,
      messageId: task.taskId,
      seq: 2,
      chunk: "Hel",
    });

    bot.complete(task.taskId, "FINAL TEXT");
    expect(await tab.nextOfType("stream_end")).toEqual({
      type: "stream_end",
      conversationId,
      messageId: task.taskId,
      seq: 2,
    });

    const next = await tab.nextOfType("stream_start");
    const queued = await bot.task();
    expect(queued.content).toBe("[System Prompt]\nBe nice\n\n[User Message]\nthird (queued)");
    expect(next.seq).toBe(4);
    bot.complete(queued.taskId, "done");
    await tab.nextOfType("stream_end");

    const stored = await messagesOf(server, user, conversationId);
    expect(stored.map((m) => [m.seq, m.role, m.status, m.content])).toEqual([
      [1, "user", "completed", "second"],
      [2, "agent", "completed", "FINAL TEXT"],
      [3, "user", "completed", "third (queued)"],
      [4, "agent", "completed", "done"],
    ]);
    bot.close();
    tab.close();
  });

  test("cancel_stream fails the turn with Stream cancelled and the agent's later frames are ignored", async () => {
    const chat = await agentChat(server);
    const { user, conversationId, bot } = chat;
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "long story" });
    const task = await bot.task();
    bot.chunk(task.taskId, "Once upon");
    await tab.nextOfType("stream_chunk");
    tab.send({ type: "cancel_stream", conversationId, messageId: task.taskId });
    await expectTurnFailed(server, chat, tab, task.taskId, "Stream cancelled");
    bot.close();
    tab.close();
  });

  test("an agent silent for the idle timeout fails the task", async () => {
    const { user, conversationId, bot } = await agentChat(server);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "think hard" });
    const task = await bot.task();
    // Chunks keep it alive past one idle period.
    for (let i = 0; i < 3; i++) {
      await Bun.sleep(700);
      bot.chunk(task.taskId, `part${i} `);
    }
    expect((await tab.nextOfType("stream_error", 4000)).error).toBe("Task timed out (idle for 600s)");
    expect(tab.frames.filter((f) => f.type === "stream_chunk").map((f) => f.chunk)).toEqual([
      "part0 ",
      "part1 ",
      "part2 ",
    ]);
    bot.close();
    tab.close();
  });

  test("a burst of messages from two tabs gets distinct seqs and one stream at a time", async () => {
    const { user, conversationId, bot } = await agentChat(server);
    const tabs = [await browser(server, user), await browser(server, user)];
    for (let i = 0; i < 5; i++)
      for (const tab of tabs) tab.send({ type: "send_message", conversationId, content: `m${i}` });
    let inFlight = 0;
    for (let answered = 0; answered < 10; answered++) {
      const task = await bot.task();
      inFlight = bot.socket.frames.filter((f) => f.type === "task").length;
      expect(inFlight).toBe(0);
      bot.chunk(task.taskId, "ok");
      bot.complete(task.taskId, `answer ${answered}`);
    }
    const stored = await until(
      () => messagesOf(server, user, conversationId),
      (list) => list.filter((m) => m.role === "agent" && m.status === "completed").length === 10,
    );
    expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    bot.close();
    for (const tab of tabs) tab.close();
  });

  test("a group message reaches every member agent, one turn after another", async () => {
    const user = await signUp(server.url);
    const alpha = await newAgent(server, user, { name: "Alpha" });
    const beta = await newAgent(server, user, { name: "Beta" });
    const group = await as(server, user, "POST", "/api/conversations/group", {
      title: "Team",
      agentIds: [alpha.id, beta.id],
    });
    expect(group.status).toBe(201);
    const conversationId = (group.body as { id: string }).id;
    const a = await AgentClient.connect(server, alpha.secretToken);
    const b = await AgentClient.connect(server, beta.secretToken);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "hello team" });
    const first = await a.task();
    expect(first.content).toBe("hello team");
    a.complete(first.taskId, "Alpha here");
    const second = await b.task();
    b.complete(second.taskId, "Beta here");
    await tab.nextOfType("stream_end");
    await tab.nextOfType("stream_end");
    const stored = await messagesOf(server, user, conversationId);
    expect(stored.map((m) => [m.seq, m.role, m.content])).toEqual([
      [1, "user", "hello team"],
      [2, "agent", "Alpha here"],
      [3, "agent", "Beta here"],
    ]);
    a.close();
    b.close();
    tab.close();
  });

  test("an upload's message is answered by the agent of a direct conversation", async () => {
    const { user, conversationId, bot } = await agentChat(server);
    const form = new FormData();
    form.append("file", new File(["hello"], "note.txt", { type: "text/plain" }));
    form.append("caption", "see attached");
    const reply = await fetch(`${server.url}/api/conversations/${conversationId}/upload`, {
      method: "POST",
      headers: { cookie: user.cookie, origin: "http://localhost:3500" },
      body: form,
    });
    expect(reply.status).toBe(200);
    const task = await bot.task();
    expect(task.content).toContain("see attached");
    bot.complete(task.taskId, "got it");
    const stored = await until(
      () => messagesOf(server, user, conversationId),
      (list) => list.some((m) => m.content === "got it"),
    );
    expect(stored.map((m) => m.role)).toEqual(["user", "agent"]);
    bot.close();
  });
});
