import type { Browser } from "./browser.ts";

// Bun's WebSocket takes request headers (the DOM typings in scope don't know that).
const BunWebSocket = WebSocket as unknown as new (
  url: string,
  options: { headers: Record<string, string> },
) => WebSocket;

export type Received = Record<string, unknown> & { type: string };

// A /cable client for tests, carrying a test browser's cookies: records everything the server sends
// and lets a test wait for a particular message.
export class CableClient {
  readonly received: Received[] = [];
  private waiters: { match: (message: Received) => boolean; resolve: (message: Received) => void }[] = [];

  // Resolves with the close code when the server (or the test) closes the socket.
  readonly closed: Promise<number>;

  private constructor(private readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.addEventListener("close", (event) => resolve(event.code)));
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as Received;
      this.received.push(message);
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.match(message)) return true;
        waiter.resolve(message);
        return false;
      });
    });
  }

  // Resolves once the server said welcome; rejects when the upgrade is refused.
  static connect(
    url: string,
    browser: Browser | null,
    headers: Record<string, string> = {},
  ): Promise<CableClient> {
    const cookie = browser?.cookieHeader();
    const socket = new BunWebSocket(url, { headers: { ...headers, ...(cookie ? { cookie } : {}) } });
    const client = new CableClient(socket);
    return new Promise((resolve, reject) => {
      socket.addEventListener("error", () => reject(new Error("connection refused")));
      socket.addEventListener("close", () => reject(new Error("connection closed")));
      // Handled either way, so a refused connection leaves no stray rejection behind.
      client.next((message) => message.type === "welcome").then(() => resolve(client), reject);
    });
  }

  send(command: Record<string, unknown>): void {
    this.socket.send(JSON.stringify(command));
  }

  async subscribe(stream: string): Promise<"confirm" | "reject"> {
    const answer = this.next(
      (message) => message.stream === stream && ["confirm", "reject"].includes(message.type),
      2000,
      this.received.length,
    );
    this.send({ command: "subscribe", stream });
    return (await answer).type as "confirm" | "reject";
  }

  // Looks at what arrived from `since` on (default: everything so far), then waits.
  next(match: (message: Received) => boolean, timeoutMs = 2000, since = 0): Promise<Received> {
    const seen = this.received.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for a cable message")), timeoutMs);
      this.waiters.push({
        match,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  // Everything received so far on a stream, for asserting that nothing arrived.
  on(stream: string): Received[] {
    return this.received.filter((message) => message.stream === stream);
  }

  close(): void {
    this.socket.close();
  }
}

export const settle = () => Bun.sleep(50);
