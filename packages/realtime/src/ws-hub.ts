import type { Server, ServerWebSocket, WebSocketHandler } from "bun";
import type { Bus } from "./bus.ts";
import { LocalTopics } from "./local-topics.ts";

/** Sent (and reported to `close`) when a socket stops reading and its send buffer is full. */
export const SLOW_CONSUMER = { code: 1008, reason: "slow consumer" } as const;

export type HubSocket<Data extends object> = ServerWebSocket<Data>;

export interface WsHubOptions<Data extends object> {
  bus: Bus;
  open?: (ws: HubSocket<Data>) => void | Promise<void>;
  message?: (ws: HubSocket<Data>, data: string | Buffer<ArrayBuffer>) => void | Promise<void>;
  /** Also called for sockets the hub closed itself, e.g. with {@link SLOW_CONSUMER}. */
  close?: (ws: HubSocket<Data>, code: number, reason: string) => void | Promise<void>;
  /** Seconds without traffic before the socket is closed; Bun rounds 1-7 up to 8. Default 120. */
  idleTimeoutSeconds?: number;
  /** Ping shortly before the idle timeout, so live clients answering pongs stay open. Default true. */
  sendPings?: boolean;
  /** Largest message accepted from a client, in bytes; larger ones close with 1009. Default 1 MiB. */
  maxPayloadLength?: number;
  /** Bytes a socket may have queued before it counts as a slow consumer. Default 1 MiB. */
  backpressureLimit?: number;
  perMessageDeflate?: boolean;
  /** Bus unsubscribe failures, which have no caller to report to. Default: console.error. */
  onError?: (error: unknown) => void;
}

export interface WsHub<Data extends object> {
  /** Pass as `websocket` to Bun.serve. */
  readonly websocket: WebSocketHandler<Data>;
  /**
   * Upgrades `req` with `data` as `ws.data`; from plain Bun.serve or a Hono handler (`c.env`
   * is the server). `data` must be a fresh object per connection: the hub keeps the socket's
   * topics in a symbol-keyed slot on it. One hub serves one server.
   */
  upgrade(req: Request, server: Server<Data>, data: Data, headers?: HeadersInit): boolean;
  /** Resolves once messages on `topic` from any node reach this socket. */
  subscribe(ws: HubSocket<Data>, topic: string): Promise<void>;
  /** Resolves once the bus subscription is released, if this socket was the topic's last. */
  unsubscribe(ws: HubSocket<Data>, topic: string): Promise<void>;
  /** Through the bus, so sockets on every node receive it. */
  publish(topic: string, message: string): Promise<void>;
  /** A direct send that closes the socket as a slow consumer instead of silently dropping. */
  send(ws: HubSocket<Data>, message: string | Uint8Array): number;
  readonly connections: number;
  readonly localTopics: number;
  /** Drops every bus subscription; call when the server stops. */
  close(): Promise<void>;
}

const TOPICS: unique symbol = Symbol("rt.ws-hub.topics");

/** Bun forgets a socket's subscriptions before `close` runs, so the hub remembers them itself. */
interface TopicSlot {
  [TOPICS]?: string[] | undefined;
}

const topicsOf = (ws: HubSocket<object>): TopicSlot => ws.data as TopicSlot;

export function createWsHub<Data extends object>(options: WsHubOptions<Data>): WsHub<Data> {
  const backpressureLimit = options.backpressureLimit ?? 1024 * 1024;
  const onError = options.onError ?? ((error: unknown) => console.error("[realtime] ws hub:", error));
  let server: Server<Data> | undefined;
  let connections = 0;
  // Only walked when Bun reports a dropped message, to find who is over the limit.
  const sockets = new Set<HubSocket<Data>>();

  const closeSlowConsumers = (): void => {
    for (const ws of sockets) {
      if (ws.getBufferedAmount() > backpressureLimit) ws.close(SLOW_CONSUMER.code, SLOW_CONSUMER.reason);
    }
  };

  const topics = new LocalTopics(
    options.bus,
    (message, topic) => {
      // Bun's topic fan-out runs in native code; 0 means some subscriber dropped the message
      // (or nobody is subscribed any more, which the member count rules out).
      if (server?.publish(topic, message) === 0 && topics.members(topic) > 0) closeSlowConsumers();
    },
    onError,
  );

  const forget = (ws: HubSocket<Data>, topic: string): boolean => {
    const slot = topicsOf(ws);
    const index = slot[TOPICS]?.indexOf(topic) ?? -1;
    if (index < 0) return false;
    slot[TOPICS]?.splice(index, 1);
    return true;
  };

  const websocket: WebSocketHandler<Data> = {
    idleTimeout: options.idleTimeoutSeconds ?? 120,
    sendPings: options.sendPings ?? true,
    maxPayloadLength: options.maxPayloadLength ?? 1024 * 1024,
    backpressureLimit,
    // The hub closes slow consumers itself so they get a close code that says why.
    closeOnBackpressureLimit: false,
    perMessageDeflate: options.perMessageDeflate ?? false,
    open(ws) {
      connections++;
      sockets.add(ws);
      return options.open?.(ws);
    },
    message(ws, data) {
      return options.message?.(ws, data);
    },
    close(ws, code, reason) {
      connections--;
      sockets.delete(ws);
      const slot = topicsOf(ws);
      const joined = slot[TOPICS];
      slot[TOPICS] = undefined;
      for (const topic of joined ?? []) topics.leave(topic).catch(onError);
      return options.close?.(ws, code, reason);
    },
  };

  return {
    websocket,
    upgrade(req, target, data, headers) {
      server ??= target;
      // Bun's upgrade() types its options through a conditional on Data that TypeScript cannot
      // resolve for a generic Data; Data extends object, so this is the branch that applies.
      const upgrader = target as Server<object>;
      return upgrader.upgrade(req, { data, headers });
    },
    async subscribe(ws, topic) {
      const slot = topicsOf(ws);
      if (slot[TOPICS]?.includes(topic)) return;
      // A socket that closed while the app was awaiting something has nothing to join.
      if (!ws.subscribe(topic)) return;
      const joined = slot[TOPICS];
      if (joined) joined.push(topic);
      else slot[TOPICS] = [topic];
      try {
        await topics.join(topic);
      } catch (error) {
        if (forget(ws, topic)) {
          ws.unsubscribe(topic);
          await topics.leave(topic);
        }
        throw error;
      }
    },
    unsubscribe(ws, topic) {
      if (!forget(ws, topic)) return Promise.resolve();
      ws.unsubscribe(topic);
      return topics.leave(topic);
    },
    publish(topic, message) {
      return options.bus.publish(topic, message);
    },
    send(ws, message) {
      const status = ws.send(message);
      if (status === 0 && ws.getBufferedAmount() > backpressureLimit) {
        ws.close(SLOW_CONSUMER.code, SLOW_CONSUMER.reason);
      }
      return status;
    },
    get connections() {
      return connections;
    },
    get localTopics() {
      return topics.size;
    },
    close() {
      return topics.leaveAll();
    },
  };
}
