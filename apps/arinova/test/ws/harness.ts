/**
 * A real Arinova server (createArinova on Bun.serve, WebSockets included) and the two kinds of
 * socket clients the tests drive: a browser-style /ws client carrying a real session cookie,
 * and an agent client speaking the agent SDK's protocol (websocket.md §5.2).
 */
import { expect } from "bun:test";
import { createLogger } from "@rt/kit";
import type Redis from "ioredis";
import { type Arinova, createArinova } from "../../src/app.ts";
import { loadArinovaConfig } from "../../src/config.ts";
import type { DatabaseHandle } from "../../src/db/client.ts";
import type { RealtimeOptions } from "../../src/realtime/create-realtime.ts";
import { call, type SignedUp, signUp, unlimited } from "../support/server.ts";

export interface WsServer {
  readonly url: string;
  readonly wsUrl: string;
  readonly arinova: Arinova;
  readonly database: DatabaseHandle;
  close(): Promise<void>;
}

export interface WsServerOptions {
  env?: Record<string, string>;
  redis?: Redis;
  realtime?: RealtimeOptions;
  port?: number;
}

export async function startWsServer(
  database: DatabaseHandle,
  options: WsServerOptions = {},
): Promise<WsServer> {
  const config = loadArinovaConfig({
    BETTER_AUTH_SECRET: "test-secret-0123456789abcdef0123456789",
    UPLOAD_DIR: "/tmp/arinova-ws-test-uploads",
    ...options.env,
  });
  const arinova = await createArinova(config, {
    database,
    logger: createLogger({ level: "silent" }),
    rateLimiter: unlimited,
    redis: options.redis,
    // The tests' push service listens on loopback.
    realtime: { allowPrivatePushEndpoints: true, ...options.realtime },
  });
  const server = Bun.serve({
    port: options.port ?? 0,
    hostname: "127.0.0.1",
    fetch: arinova.fetch,
    websocket: arinova.websocket,
  });
  return {
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    arinova,
    database,
    close: async () => {
      server.stop(true);
      await arinova.close();
    },
  };
}

export type Frame = Record<string, unknown> & { type: string };

/** A WebSocket whose frames can be awaited in order. */
export class Socket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  readonly #ws: WebSocket;
  #waiters: Array<() => void> = [];

  constructor(url: string, headers: Record<string, string> = {}) {
    this.#ws = new WebSocket(url, { headers } as unknown as string[]);
    this.opened = new Promise((resolve, reject) => {
      this.#ws.addEventListener("open", () => resolve(), { once: true });
      this.#ws.addEventListener("error", () => reject(new Error("socket error")), { once: true });
    });
    this.closed = new Promise((resolve) => {
      this.#ws.addEventListener("close", (event) => resolve({ code: event.code, reason: event.reason }), {
        once: true,
      });
    });
    this.#ws.addEventListener("message", (event) => {
      this.frames.push(JSON.parse(String(event.data)) as Frame);
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  send(frame: unknown): void {
    this.#ws.send(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  sendRaw(data: string | Uint8Array<ArrayBuffer>): void {
    this.#ws.send(data);
  }

  /** Waits for the first not-yet-taken frame matching `match` and removes it from the queue. */
  async next(match: (frame: Frame) => boolean = () => true, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.frames.findIndex(match);
      if (index >= 0) return this.frames.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`no matching frame within ${timeoutMs} ms; have ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  nextOfType(type: string, timeoutMs?: number): Promise<Frame> {
    return this.next((frame) => frame.type === type, timeoutMs);
  }

  /** Nothing arrives for `ms`. */
  async quiet(ms = 300): Promise<Frame[]> {
    const before = this.frames.length;
    await Bun.sleep(ms);
    return this.frames.slice(before);
  }

  close(): void {
    this.#ws.close();
  }
}

/** A browser tab: /ws with the session cookie on the upgrade request. */
export async function browser(server: WsServer, user: SignedUp | undefined): Promise<Socket> {
  const socket = new Socket(`${server.wsUrl}/ws`, user ? { cookie: user.cookie } : {});
  await socket.opened;
  return socket;
}

export interface AgentTask {
  taskId: string;
  conversationId: string;
  content: string;
}

/** An agent written from the SDK protocol: auth, ping, tasks, chunks, complete, error. */
export class AgentClient {
  readonly socket: Socket;

  private constructor(socket: Socket) {
    this.socket = socket;
  }

  static async connect(
    server: { wsUrl: string },
    botToken: string,
    skills?: { id: string; name: string; description: string }[],
  ): Promise<AgentClient> {
    const socket = new Socket(`${server.wsUrl}/ws/agent`);
    await socket.opened;
    socket.send(
      skills && skills.length > 0
        ? { type: "agent_auth", botToken, skills }
        : { type: "agent_auth", botToken },
    );
    const reply = await socket.next((frame) => frame.type === "auth_ok" || frame.type === "auth_error");
    if (reply.type !== "auth_ok") throw new Error(`agent auth failed: ${String(reply.error)}`);
    return new AgentClient(socket);
  }

  async task(timeoutMs?: number): Promise<AgentTask> {
    return (await this.socket.nextOfType("task", timeoutMs)) as unknown as AgentTask;
  }

  chunk(taskId: string, chunk: string): void {
    this.socket.send({ type: "agent_chunk", taskId, chunk });
  }

  complete(taskId: string, content: string): void {
    this.socket.send({ type: "agent_complete", taskId, content });
  }

  error(taskId: string, error: string): void {
    this.socket.send({ type: "agent_error", taskId, error });
  }

  close(): void {
    this.socket.close();
  }
}

export async function as(server: WsServer, user: SignedUp, method: string, path: string, body?: unknown) {
  return call(server.url, method, path, {
    cookie: user.cookie,
    body,
    headers: { origin: "http://localhost:3500" },
  });
}

export async function newAgent(
  server: WsServer,
  user: SignedUp,
  fields: Record<string, unknown> = {},
): Promise<{ id: string; name: string; secretToken: string }> {
  const { name = "Bot", ...changes } = fields;
  const reply = await as(server, user, "POST", "/api/agents", { name });
  if (reply.status !== 201) throw new Error(`agent: ${reply.status} ${reply.text}`);
  const agent = reply.body as { id: string; name: string; secretToken: string };
  if (Object.keys(changes).length > 0) {
    const updated = await as(server, user, "PUT", `/api/agents/${agent.id}`, changes);
    if (updated.status !== 200) throw new Error(`agent update: ${updated.status} ${updated.text}`);
  }
  return agent;
}

export async function newConversation(server: WsServer, user: SignedUp, agentId: string): Promise<string> {
  const reply = await as(server, user, "POST", "/api/conversations", { agentId });
  if (reply.status !== 201) throw new Error(`conversation: ${reply.status} ${reply.text}`);
  return (reply.body as { id: string }).id;
}

/** The usual opening: a fresh user with an agent, a direct conversation with it, the agent online. */
export async function agentChat(server: WsServer): Promise<{
  user: SignedUp;
  agent: { id: string; name: string; secretToken: string };
  conversationId: string;
  bot: AgentClient;
}> {
  const user = await signUp(server.url);
  const agent = await newAgent(server, user);
  const conversationId = await newConversation(server, user, agent.id);
  const bot = await AgentClient.connect(server, agent.secretToken);
  return { user, agent, conversationId, bot };
}

export interface StoredMessage {
  id: string;
  seq: number;
  role: string;
  content: string;
  status: string;
}

export async function messagesOf(
  server: WsServer,
  user: SignedUp,
  conversationId: string,
): Promise<StoredMessage[]> {
  const reply = await as(server, user, "GET", `/api/conversations/${conversationId}/messages?limit=100`);
  if (reply.status !== 200) throw new Error(`messages: ${reply.status} ${reply.text}`);
  const body = reply.body as { messages: StoredMessage[] };
  return [...body.messages].sort((a, b) => a.seq - b.seq);
}

/**
 * A turn that ended with `error` (the answer is the conversation's second message): the tab is
 * told with stream_error, the agent's later chunk and complete reach nobody, and the stored
 * answer carries the error.
 */
export async function expectTurnFailed(
  server: WsServer,
  chat: { user: SignedUp; conversationId: string; bot: AgentClient },
  tab: Socket,
  taskId: string,
  error: string,
): Promise<void> {
  const { user, conversationId, bot } = chat;
  expect(await tab.nextOfType("stream_error")).toEqual({
    type: "stream_error",
    conversationId,
    messageId: taskId,
    seq: 2,
    error,
  });
  bot.chunk(taskId, "late");
  bot.complete(taskId, "late");
  expect(await tab.quiet(300)).toEqual([]);
  const stored = await messagesOf(server, user, conversationId);
  expect(stored[1]).toMatchObject({ status: "error", content: error });
}

export async function until<T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await Bun.sleep(25);
  }
}
