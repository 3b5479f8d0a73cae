import { connect, type Socket } from "node:net";
import type { Server } from "bun";
import type { Bus, BusHandler, Unsubscribe } from "../src/bus.ts";
import { createWsHub, type WsHub, type WsHubOptions } from "../src/ws-hub.ts";
import { withTimeout } from "./helpers.ts";

/** Wraps a bus and counts live subscriptions per topic, to check the hub's refcounting. */
export class CountingBus implements Bus {
  readonly #inner: Bus;
  readonly #active = new Map<string, number>();

  constructor(inner: Bus) {
    this.#inner = inner;
  }

  active(topic: string): number {
    return this.#active.get(topic) ?? 0;
  }

  publish(topic: string, message: string): Promise<void> {
    return this.#inner.publish(topic, message);
  }

  async subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe> {
    const unsubscribe = await this.#inner.subscribe(topic, handler);
    this.#active.set(topic, this.active(topic) + 1);
    return async () => {
      this.#active.set(topic, this.active(topic) - 1);
      await unsubscribe();
    };
  }

  close(): Promise<void> {
    return this.#inner.close();
  }
}

export interface ClientData {
  name: string;
}

export interface ClosedSocket {
  name: string;
  code: number;
  reason: string;
}

/**
 * A tiny app on the hub: `?name=x&sub=a,b` subscribes on open; text `sub:t` / `unsub:t`
 * (un)subscribes and answers `subscribed:t` / `unsubscribed:t` once it took effect.
 */
export function startHubServer(options: Omit<WsHubOptions<ClientData>, "open" | "message" | "close">) {
  const closed: ClosedSocket[] = [];
  const autoSubscribe = new Map<string, string[]>();
  const hub: WsHub<ClientData> = createWsHub<ClientData>({
    ...options,
    async open(ws) {
      for (const topic of autoSubscribe.get(ws.data.name) ?? []) await hub.subscribe(ws, topic);
    },
    async message(ws, data) {
      const text = String(data);
      const colon = text.indexOf(":");
      const verb = text.slice(0, colon);
      const topic = text.slice(colon + 1);
      if (colon < 0 || !topic) return;
      if (verb === "sub") await hub.subscribe(ws, topic);
      if (verb === "unsub") await hub.unsubscribe(ws, topic);
      ws.send(`${verb === "sub" ? "subscribed" : "unsubscribed"}:${topic}`);
    },
    close(ws, code, reason) {
      closed.push({ name: ws.data.name, code, reason });
    },
  });
  const server: Server<ClientData> = Bun.serve<ClientData>({
    port: 0,
    hostname: "127.0.0.1",
    fetch(req, srv) {
      const query = new URL(req.url).searchParams;
      const name = query.get("name") ?? "anonymous";
      autoSubscribe.set(name, query.get("sub")?.split(",") ?? []);
      return hub.upgrade(req, srv, { name }) ? undefined : new Response("upgrade required", { status: 426 });
    },
    websocket: hub.websocket,
  });
  return {
    hub,
    server,
    closed,
    url: (query: string) => `ws://127.0.0.1:${server.port}/ws?${query}`,
    async stop() {
      await server.stop(true);
      await hub.close();
    },
  };
}

/** A browser-like client whose messages can be awaited one at a time. */
export class TestClient {
  readonly received: string[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly #socket: WebSocket;
  #waiters: Array<() => void> = [];

  private constructor(socket: WebSocket) {
    this.#socket = socket;
    socket.onmessage = (event) => {
      this.received.push(String(event.data));
      for (const wake of this.#waiters.splice(0)) wake();
    };
    this.closed = new Promise((resolve) => {
      socket.onclose = (event) => resolve({ code: event.code, reason: event.reason });
    });
  }

  static async open(url: string): Promise<TestClient> {
    const socket = new WebSocket(url);
    const client = new TestClient(socket);
    await withTimeout(
      new Promise((resolve, reject) => {
        socket.onopen = resolve;
        socket.onerror = reject;
      }),
      2000,
      `open ${url}`,
    );
    return client;
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  send(text: string): void {
    this.#socket.send(text);
  }

  /** Waits until `count` messages have arrived in total and returns them. */
  async messages(count: number, timeoutMs = 2000): Promise<string[]> {
    const arrived = async () => {
      while (this.received.length < count) await new Promise<void>((wake) => this.#waiters.push(wake));
    };
    await withTimeout(arrived(), timeoutMs, `${count} messages, have ${JSON.stringify(this.received)}`);
    return this.received.slice(0, count);
  }

  /** Sends `sub:topic` and waits for the server's confirmation. */
  async subscribe(topic: string): Promise<void> {
    const before = this.received.length;
    this.send(`sub:${topic}`);
    await this.messages(before + 1);
  }

  async unsubscribe(topic: string): Promise<void> {
    const before = this.received.length;
    this.send(`unsub:${topic}`);
    await this.messages(before + 1);
  }

  close(): void {
    this.#socket.close(1000, "done");
  }
}

/**
 * A client that completes the WebSocket handshake and then never reads nor answers pings:
 * what a stuck or malicious peer looks like to the server.
 */
export function stuckClient(port: number, query: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(
        `GET /ws?${query} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n",
      );
    });
    socket.once("error", reject);
    socket.once("data", (head) => {
      socket.pause();
      if (head.toString().startsWith("HTTP/1.1 101")) resolve(socket);
      else reject(new Error(`handshake failed: ${head.toString().split("\r\n")[0]}`));
    });
  });
}

/** Resumes a paused socket and collects everything until the server ends the connection. */
export function readToEnd(socket: Socket, timeoutMs = 5000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  socket.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<Buffer>((resolve) => socket.once("close", () => resolve(Buffer.concat(chunks))));
  socket.resume();
  return withTimeout(ended, timeoutMs, "server to end the connection");
}

export interface ServerFrame {
  opcode: number;
  code?: number;
  reason?: string;
}

/** Unmasked frames as a server sends them; a close frame's code and reason are decoded. */
export function parseServerFrames(bytes: Buffer): ServerFrame[] {
  const frames: ServerFrame[] = [];
  let at = bytes.indexOf("\r\n\r\n") + 4;
  while (at + 2 <= bytes.length) {
    const opcode = (bytes[at] ?? 0) & 0x0f;
    let length = (bytes[at + 1] ?? 0) & 0x7f;
    at += 2;
    if (length === 126) {
      length = bytes.readUInt16BE(at);
      at += 2;
    } else if (length === 127) {
      length = Number(bytes.readBigUInt64BE(at));
      at += 8;
    }
    const payload = bytes.subarray(at, at + length);
    at += length;
    if (opcode === 8 && payload.length >= 2) {
      frames.push({ opcode, code: payload.readUInt16BE(0), reason: payload.subarray(2).toString() });
    } else {
      frames.push({ opcode });
    }
  }
  return frames;
}
