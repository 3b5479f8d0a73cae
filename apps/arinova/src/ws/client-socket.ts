/**
 * The browser's socket, /ws (websocket.md §2): set-up in the original's order (registered,
 * heartbeat, offline events replayed, then the frames that arrived meanwhile), one frame at a
 * time per socket, and the 45 s heartbeat on inbound frames.
 */
import type { Logger } from "@rt/kit";
import type { Database } from "../db/client.ts";
import type { OfflineQueue } from "../realtime/offline-queue.ts";
import type { SendRate } from "../realtime/send-rate.ts";
import type { UserPresence } from "../realtime/user-presence.ts";
import { markRead } from "../streams/read-pointer.ts";
import { sanitizeContent } from "../streams/sanitize.ts";
import type { ClientMessage } from "./client-messages.ts";
import { parseClientFrame } from "./client-messages.ts";
import { ClientRegistry } from "./client-registry.ts";
import { frameError, PONG } from "./server-events.ts";
import type { ClientSocket } from "./socket-data.ts";

export const RATE_LIMITED = "Rate limit exceeded. Please wait before sending more messages.";

export interface ClientSocketDeps {
  db: Database;
  logger: Logger;
  send: (ws: ClientSocket, message: string) => void;
  presence: (registry: ClientRegistry) => UserPresence;
  offline: OfflineQueue;
  sendRate: SendRate;
  userMessage: (userId: string, conversationId: string, content: string) => Promise<void>;
  cancel: (userId: string, messageId: string) => Promise<void>;
  sync: (userId: string, conversations: Record<string, number>) => Promise<void>;
  heartbeatMs: number;
}

export class ClientSockets {
  readonly registry: ClientRegistry;
  readonly presence: UserPresence;
  readonly #deps: ClientSocketDeps;
  readonly #sweep: ReturnType<typeof setInterval>;

  constructor(deps: ClientSocketDeps) {
    this.#deps = deps;
    this.registry = new ClientRegistry(deps.send);
    this.presence = deps.presence(this.registry);
    // One sweep for all sockets instead of a timer each: cheaper per idle connection.
    this.#sweep = setInterval(() => this.#closeIdle(), Math.min(1000, deps.heartbeatMs / 4));
    this.#sweep.unref();
  }

  async open(ws: ClientSocket): Promise<void> {
    const { userId } = ws.data;
    if (userId === "") {
      ws.close(4401, "Unauthorized");
      return;
    }
    ws.data.outbox = [];
    this.registry.add(ws);
    try {
      await this.#reportPresence(userId);
      for (const event of await this.#deps.offline.drain(userId)) this.#deps.send(ws, event);
    } catch (error) {
      this.#deps.logger.error("pending event delivery failed", { userId, error: String(error) });
    }
    const held = ws.data.outbox ?? [];
    ws.data.outbox = null;
    for (const event of held) this.#deps.send(ws, event);
    await this.#drainInbox(ws);
  }

  message(ws: ClientSocket, data: string | Buffer): void {
    ws.data.lastSeen = Date.now();
    const text = typeof data === "string" ? data : data.toString("utf8");
    // A frame already being handled (or set-up) holds later ones back, keeping their order.
    if (ws.data.inbox !== null) {
      ws.data.inbox.push(text);
      return;
    }
    ws.data.inbox = [text];
    void this.#drainInbox(ws);
  }

  close(ws: ClientSocket): void {
    ws.data.inbox = null;
    if (ws.data.userId === "" || !this.registry.remove(ws)) return;
    void this.#reportPresence(ws.data.userId);
  }

  stop(): void {
    clearInterval(this.#sweep);
  }

  async #drainInbox(ws: ClientSocket): Promise<void> {
    let text = ws.data.inbox?.shift();
    while (text !== undefined) {
      try {
        await this.#handle(ws, text);
      } catch (error) {
        this.#deps.logger.error("ws message failed", { userId: ws.data.userId, error: String(error) });
      }
      text = ws.data.inbox?.shift();
    }
    ws.data.inbox = null;
  }

  async #handle(ws: ClientSocket, text: string): Promise<void> {
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.#deps.send(ws, frameError(parsed.error));
      return;
    }
    await this.#dispatch(ws, parsed.message);
  }

  async #dispatch(ws: ClientSocket, message: ClientMessage): Promise<void> {
    const { userId } = ws.data;
    switch (message.type) {
      case "ping":
        this.#deps.send(ws, PONG);
        return;
      case "send_message":
        if (!(await this.#deps.sendRate.allow(userId))) {
          this.#deps.send(ws, frameError(RATE_LIMITED, message.conversationId));
          return;
        }
        await this.#deps.userMessage(userId, message.conversationId, sanitizeContent(message.content));
        return;
      case "cancel_stream":
        await this.#deps.cancel(userId, message.messageId);
        return;
      case "sync":
        await this.#deps.sync(userId, message.conversations);
        return;
      case "mark_read":
        await markRead(this.#deps.db, userId, message.conversationId, message.seq);
        return;
      case "focus":
        if (ws.data.visible === message.visible) return;
        ws.data.visible = message.visible;
        await this.#reportPresence(userId);
        return;
    }
  }

  #reportPresence(userId: string): Promise<void> {
    return this.presence
      .report(userId, this.registry.counts(userId))
      .catch((error: unknown) => this.#deps.logger.warn("presence not shared", { error: String(error) }));
  }

  #closeIdle(): void {
    const idle = [...this.registry.idleSince(Date.now() - this.#deps.heartbeatMs)];
    for (const ws of idle) ws.close(4408, "Heartbeat timeout");
  }
}
