/**
 * /ws/agent (websocket.md §3): authentication and its deadline, replacement by a newer
 * connection, skills, the agent's errors and disconnects reaching the user, and the
 * "not connected" answer.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Backend, pgliteBackend } from "../support/backends.ts";
import { signUp } from "../support/server.ts";
import { snapshot } from "../support/snapshot.ts";
import {
  AgentClient,
  agentChat,
  as,
  browser,
  expectTurnFailed,
  messagesOf,
  newAgent,
  newConversation,
  Socket,
  startWsServer,
  until,
  type WsServer,
} from "./harness.ts";

let backend: Backend;
let server: WsServer;

beforeAll(async () => {
  backend = await pgliteBackend();
  server = await startWsServer(backend.database, { realtime: { authTimeoutMs: 400 } });
}, 60_000);

afterAll(async () => {
  await server.close();
  await backend.dispose();
});

const agentSocket = async (): Promise<Socket> => {
  const socket = new Socket(`${server.wsUrl}/ws/agent`);
  await socket.opened;
  return socket;
};

describe("authentication", () => {
  test("no agent_auth in time: auth_error then 4408", async () => {
    const socket = await agentSocket();
    expect(await socket.closed).toEqual({ code: 4408, reason: "Authentication timeout" });
    expect(socket.frames).toEqual([{ type: "auth_error", error: "Authentication timeout" }]);
  });

  test("an unknown token, or a deleted agent's: auth_error then 4404", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user);
    expect((await as(server, user, "DELETE", `/api/agents/${agent.id}`)).status).toBe(204);
    const before = await snapshot(backend.database);
    for (const botToken of ["ari_nope", agent.secretToken]) {
      const socket = await agentSocket();
      socket.send({ type: "agent_auth", botToken });
      expect(await socket.closed).toEqual({ code: 4404, reason: "Invalid bot token" });
      expect(socket.frames).toEqual([{ type: "auth_error", error: "Invalid bot token" }]);
    }
    expect(await snapshot(backend.database)).toBe(before);
    expect((await as(server, user, "GET", `/api/agents/${agent.id}/skills`)).status).toBe(404);
  });

  test("before auth: ping is answered, other frames get Not authenticated, bad frames nothing", async () => {
    const socket = await agentSocket();
    socket.send({ type: "ping" });
    expect(await socket.next()).toEqual({ type: "pong" });
    socket.send({ type: "agent_chunk", taskId: "t", chunk: "x" });
    expect(await socket.next()).toEqual({ type: "auth_error", error: "Not authenticated" });
    socket.send("{oops");
    socket.send({ type: "agent_dance" });
    expect(await socket.quiet(200)).toEqual([]);
    socket.close();
  });

  test("auth_ok names the agent; skills are served by REST while connected", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user, { name: "Skilled" });
    const skills = [{ id: "summarize", name: "Summarize", description: "Shortens text" }];
    const socket = await agentSocket();
    socket.send({ type: "agent_auth", botToken: agent.secretToken, skills });
    expect(await socket.next()).toEqual({ type: "auth_ok", agentName: "Skilled" });
    expect((await as(server, user, "GET", `/api/agents/${agent.id}/skills`)).body).toEqual({ skills });
    socket.send({ type: "ping" });
    expect(await socket.next()).toEqual({ type: "pong" });
    // Bad frames after auth are only logged, as before it.
    socket.send("{oops");
    socket.send({ type: "agent_chunk", taskId: 7, chunk: "x" });
    expect(await socket.quiet(200)).toEqual([]);
    socket.close();
    await socket.closed;
    const after = await until(
      () => as(server, user, "GET", `/api/agents/${agent.id}/skills`),
      (reply) => JSON.stringify(reply.body) === JSON.stringify({ skills: [] }),
    );
    expect(after.body).toEqual({ skills: [] });
  });

  test("a second connection replaces the first with 4409; the old one closing changes nothing", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user);
    const conversationId = await newConversation(server, user, agent.id);
    const first = await AgentClient.connect(server, agent.secretToken);
    const second = await AgentClient.connect(server, agent.secretToken);
    expect(await first.socket.closed).toEqual({ code: 4409, reason: "Replaced by new connection" });
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "still there?" });
    const task = await second.task();
    second.complete(task.taskId, "yes");
    await tab.nextOfType("stream_end");
    second.close();
    tab.close();
  });
});

describe("tasks", () => {
  test("agent_error fails the turn with the agent's text; later frames for it are ignored", async () => {
    const chat = await agentChat(server);
    const { user, conversationId, bot } = chat;
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "fail please" });
    const task = await bot.task();
    await tab.nextOfType("stream_start");
    bot.error(task.taskId, "model overloaded");
    await expectTurnFailed(server, chat, tab, task.taskId, "model overloaded");
    bot.close();
    tab.close();
  });

  test("an agent that disconnects fails its tasks with Agent disconnected", async () => {
    const { user, conversationId, bot } = await agentChat(server);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "hello" });
    const task = await bot.task();
    bot.chunk(task.taskId, "par");
    await tab.nextOfType("stream_chunk");
    bot.close();
    expect((await tab.nextOfType("stream_error")).error).toBe("Agent disconnected");
    const stored = await messagesOf(server, user, conversationId);
    expect(stored[1]).toMatchObject({ status: "error", content: "Agent disconnected" });
    tab.close();
  });

  test("no agent connected: the stored setup message and the stream_error text", async () => {
    const user = await signUp(server.url);
    const agent = await newAgent(server, user, { name: "Sleepy" });
    const conversationId = await newConversation(server, user, agent.id);
    const tab = await browser(server, user);
    tab.send({ type: "send_message", conversationId, content: "anyone?" });
    const start = await tab.nextOfType("stream_start");
    const error = await tab.nextOfType("stream_error");
    const command = `openclaw arinova-setup --token ${agent.secretToken}`;
    expect(error).toEqual({
      type: "stream_error",
      conversationId,
      messageId: start.messageId,
      seq: 2,
      error: `Sleepy is not connected. Copy the Bot Token from bot settings and run: ${command}`,
    });
    const stored = await messagesOf(server, user, conversationId);
    expect(stored[1]).toMatchObject({
      role: "agent",
      status: "error",
      content:
        "**Sleepy** is not connected yet. An AI agent needs to connect to this bot before it can respond." +
        `\n\nCopy the **Bot Token** from bot settings, then run:\n\`\`\`\n${command}\n\`\`\``,
    });
    tab.close();
  });
});
