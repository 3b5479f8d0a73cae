import type { default as Redis, RedisOptions } from "ioredis";
import type { Bus, BusHandler, Unsubscribe } from "./bus.ts";
import { deliver, type HandlerErrorReporter, once, reportToConsole, type Subscription } from "./delivery.ts";

export interface RedisBusOptions {
  url: string;
  /** Prepended verbatim to every channel name, so tests and tenants sharing one Redis stay apart. */
  prefix?: string;
  /** How long a publish may wait for Redis (reconnect included) before it rejects. Default 5000. */
  publishTimeoutMs?: number;
  /** Upper bound of the exponential reconnect backoff. Default 2000. */
  maxReconnectDelayMs?: number;
  onHandlerError?: HandlerErrorReporter;
  /** Connection errors; reconnecting is automatic, so by default they are ignored. */
  onConnectionError?: (error: Error) => void;
}

interface Channel {
  readonly topic: string;
  readonly subscriptions: Set<Subscription>;
  /** Settles when Redis has answered the SUBSCRIBE for this channel. */
  readonly confirmed: Promise<void>;
}

interface WaitingPublish {
  readonly channel: string;
  readonly message: string;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * ioredis and its dependencies add about 17 MB to a process; loading it only when a RedisBus
 * is made keeps single-node servers (MemoryBus) lean.
 */
function loadRedis(): typeof Redis {
  return (require("ioredis") as { default: typeof Redis }).default;
}

/**
 * Redis pub/sub with exactly two connections per instance: a subscriber connection carries
 * every channel (handlers are multiplexed locally, one SUBSCRIBE per channel) and a publisher
 * connection, because a RESP2 subscriber connection cannot publish.
 */
export class RedisBus implements Bus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #publishTimeoutMs: number;
  readonly #onHandlerError: HandlerErrorReporter;
  readonly #channels = new Map<string, Channel>();
  /** Publishes made while the publisher is not ready; sent in order on `ready`, or rejected on timeout. */
  #waiting: WaitingPublish[] = [];
  #closed = false;

  constructor(options: RedisBusOptions) {
    this.#prefix = options.prefix ?? "";
    this.#publishTimeoutMs = options.publishTimeoutMs ?? 5000;
    this.#onHandlerError = options.onHandlerError ?? reportToConsole;
    const maxDelay = options.maxReconnectDelayMs ?? 2000;
    const onConnectionError = options.onConnectionError ?? (() => {});
    const common: RedisOptions = {
      retryStrategy: (attempt) => Math.min(50 * 2 ** (attempt - 1), maxDelay),
    };

    // Our own wait list replaces ioredis' offline queue for publishes: a queued command cannot
    // be withdrawn from that queue, so a timed-out publish could still go out after rejecting.
    // commandTimeout bounds publishes already written to a connection that went silent.
    const RedisClient = loadRedis();
    this.#publisher = new RedisClient(options.url, {
      ...common,
      enableOfflineQueue: false,
      commandTimeout: this.#publishTimeoutMs,
      connectionName: `${this.#prefix}rt-bus-pub`,
    });
    this.#publisher.on("ready", () => this.#sendWaiting());
    this.#publisher.on("error", onConnectionError);

    // ioredis re-subscribes every confirmed channel after a reconnect (autoResubscribe), and a
    // SUBSCRIBE waiting in its offline queue fails after maxRetriesPerRequest reconnect attempts.
    this.#subscriber = new RedisClient(options.url, {
      ...common,
      lazyConnect: true,
      autoResubscribe: true,
      maxRetriesPerRequest: 10,
      connectionName: `${this.#prefix}rt-bus-sub`,
    });
    this.#subscriber.on("message", (channel, message) => {
      const entry = this.#channels.get(channel);
      if (entry) deliver(entry.subscriptions, message, entry.topic, this.#onHandlerError);
    });
    this.#subscriber.on("error", onConnectionError);
  }

  publish(topic: string, message: string): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("RedisBus is closed"));
    const channel = this.#prefix + topic;
    // While anything is waiting, new publishes queue behind it so order is kept. The stream
    // check catches a connection Redis has closed before ioredis has noticed.
    if (
      this.#publisher.status === "ready" &&
      this.#publisher.stream?.writable &&
      this.#waiting.length === 0
    ) {
      return this.#send(channel, message);
    }
    return new Promise((resolve, reject) => {
      const waiting: WaitingPublish = {
        channel,
        message,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.#waiting = this.#waiting.filter((item) => item !== waiting);
          reject(
            new Error(`Redis unavailable: publish to "${topic}" not sent in ${this.#publishTimeoutMs} ms`),
          );
        }, this.#publishTimeoutMs),
      };
      this.#waiting.push(waiting);
    });
  }

  async subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe> {
    if (this.#closed) throw new Error("RedisBus is closed");
    const name = this.#prefix + topic;
    let channel = this.#channels.get(name);
    if (!channel) {
      const created: Channel = {
        topic,
        subscriptions: new Set(),
        confirmed: this.#subscriber.subscribe(name).then(() => undefined),
      };
      // A failed SUBSCRIBE must not poison the topic: the next subscribe tries again.
      created.confirmed.catch(() => {
        if (this.#channels.get(name) === created) this.#channels.delete(name);
      });
      this.#channels.set(name, created);
      channel = created;
    }
    await channel.confirmed;
    const subscription: Subscription = { handler };
    channel.subscriptions.add(subscription);
    const owner = channel;
    return once(async () => {
      owner.subscriptions.delete(subscription);
      if (owner.subscriptions.size > 0 || this.#channels.get(name) !== owner) return;
      this.#channels.delete(name);
      // A later subscribe to the same channel is sent after this UNSUBSCRIBE on the same
      // connection, so Redis always ends up in the state of the last call.
      if (!this.#closed) await this.#subscriber.unsubscribe(name);
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const waiting of this.#waiting.splice(0)) {
      clearTimeout(waiting.timer);
      waiting.reject(new Error("RedisBus is closed"));
    }
    this.#channels.clear();
    await Promise.all([quit(this.#publisher), quit(this.#subscriber)]);
  }

  #send(channel: string, message: string): Promise<void> {
    return this.#publisher.publish(channel, message).then(() => undefined);
  }

  #sendWaiting(): void {
    for (const waiting of this.#waiting.splice(0)) {
      clearTimeout(waiting.timer);
      this.#send(waiting.channel, waiting.message).then(waiting.resolve, waiting.reject);
    }
  }
}

async function quit(connection: Redis): Promise<void> {
  // A connection that never connected (lazy) or is down cannot say QUIT; just drop it.
  if (connection.status !== "ready") {
    connection.disconnect();
    return;
  }
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
}
