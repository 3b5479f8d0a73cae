/**
 * Redis pub/sub on the original's channels (storage.md §3.2): channel `P:task:<taskId>`,
 * message `JSON.stringify(event)` (with `_accumulatedData` for accumulate events), so events
 * published by an original server reach our subscribers and ours reach its. One subscriber
 * connection carries every channel; handlers are multiplexed locally.
 */
import type Redis from "ioredis";
import type { BroadcastMessage } from "../../core/types.ts";
import type { BroadcastProvider, Unsubscribe } from "../ports.ts";
import type { RedisKeys } from "./keys.ts";

type Handler = (message: BroadcastMessage) => void;

interface Channel {
  handlers: Set<Handler>;
  /** Settles when Redis confirmed the SUBSCRIBE. */
  subscribed: Promise<unknown>;
}

function parseMessage(text: string): BroadcastMessage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return value as BroadcastMessage;
  } catch {
    return undefined;
  }
}

export class RedisBroadcast implements BroadcastProvider {
  private readonly channels = new Map<string, Channel>();

  /**
   * `publisher` is a normal command connection (it may be shared with the hot store);
   * `subscriber` is dedicated to this provider: a subscribed connection cannot run commands.
   */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly keys: RedisKeys,
  ) {
    subscriber.on("message", (channel: string, text: string) => this.deliver(channel, text));
  }

  async publish(taskId: string, message: BroadcastMessage): Promise<void> {
    await this.publisher.publish(this.keys.channel(taskId), JSON.stringify(message));
  }

  async subscribe(taskId: string, handler: Handler): Promise<Unsubscribe> {
    const name = this.keys.channel(taskId);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { handlers: new Set(), subscribed: this.subscriber.subscribe(name) };
      this.channels.set(name, channel);
    }
    // Wrap so subscribing the same function twice yields two independent subscriptions.
    const entry: Handler = (message) => handler(message);
    channel.handlers.add(entry);
    try {
      await channel.subscribed;
    } catch (error) {
      channel.handlers.delete(entry);
      if (channel.handlers.size === 0 && this.channels.get(name) === channel) this.channels.delete(name);
      throw error;
    }
    let active = true;
    return async () => {
      if (!active) return;
      active = false;
      const current = this.channels.get(name);
      if (!current?.handlers.delete(entry) || current.handlers.size > 0) return;
      this.channels.delete(name);
      await this.subscriber.unsubscribe(name);
    };
  }

  /** Live local subscriptions of a task; lets tests and diagnostics check streams clean up. */
  subscriberCount(taskId: string): number {
    return this.channels.get(this.keys.channel(taskId))?.handlers.size ?? 0;
  }

  private deliver(channel: string, text: string): void {
    const handlers = this.channels.get(channel)?.handlers;
    if (!handlers || handlers.size === 0) return;
    for (const handler of [...handlers]) {
      // Each handler gets its own copy; malformed messages (from any publisher) are ignored.
      const message = parseMessage(text);
      if (!message) return;
      try {
        handler(message);
      } catch {
        // One subscriber's failure must never stop delivery to the others.
      }
    }
  }
}
