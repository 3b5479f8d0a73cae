/**
 * Delivery of server → client events to every open /ws of a user, on whichever instance it is
 * connected, or into the offline queue when the user has none (websocket.md §2.6). User topics
 * are sharded over a few bus topics instead of one bus subscription per user: that keeps an
 * idle connection cheap (no per-user bus bookkeeping) at the cost of every instance seeing
 * every user event and dropping those for users it does not hold.
 */
import type { Bus, Unsubscribe } from "@rt/realtime";
import type { OfflineQueue } from "./offline-queue.ts";
import type { UserPresence } from "./user-presence.ts";

const SHARDS = 16;

/** Writes to this instance's open sockets of a user; answers how many took it. */
export type LocalDelivery = (userId: string, event: string) => number;

function shardOf(userId: string): number {
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) | 0;
  return Math.abs(hash) % SHARDS;
}

const shardTopic = (shard: number): string => `user-events:${shard}`;

export interface UserEventsOptions {
  bus: Bus;
  presence: UserPresence;
  offline: OfflineQueue;
  deliver: LocalDelivery;
  /** One instance: deliver directly and queue when no local socket took the event. */
  local: boolean;
  onError: (error: unknown) => void;
}

export class UserEvents {
  readonly #options: UserEventsOptions;
  readonly #unsubscribes: Unsubscribe[] = [];
  /** Per-user chain, so a user's events leave in the order they were produced. */
  readonly #chains = new Map<string, Promise<void>>();
  /** Markers this instance published and waits to see come back (see flush). */
  readonly #markers = new Map<string, () => void>();

  constructor(options: UserEventsOptions) {
    this.#options = options;
  }

  async start(): Promise<void> {
    if (this.#options.local) return;
    for (let shard = 0; shard < SHARDS; shard++) {
      this.#unsubscribes.push(
        await this.#options.bus.subscribe(shardTopic(shard), (message) => {
          const newline = message.indexOf("\n");
          if (newline === 0) this.#markers.get(message.slice(1))?.();
          else if (newline > 0) this.#options.deliver(message.slice(0, newline), message.slice(newline + 1));
        }),
      );
    }
  }

  /** Resolves once the event is published or queued; failures are reported, not thrown. */
  send(userId: string, event: string): Promise<void> {
    const previous = this.#chains.get(userId);
    const next = (previous ?? Promise.resolve())
      .then(() => this.#sendNow(userId, event))
      .catch(this.#options.onError);
    this.#chains.set(userId, next);
    void next.then(() => {
      if (this.#chains.get(userId) === next) this.#chains.delete(userId);
    });
    return next;
  }

  async #sendNow(userId: string, event: string): Promise<void> {
    const { bus, presence, offline, deliver } = this.#options;
    if (this.#options.local) {
      if (deliver(userId, event) === 0) await offline.push(userId, event);
      return;
    }
    if (!(await presence.state(userId)).online) {
      await offline.push(userId, event);
      return;
    }
    await bus.publish(shardTopic(shardOf(userId)), `${userId}\n${event}`);
  }

  /**
   * Resolves once the events sent so far have reached this instance's sockets (shutdown ends
   * streams, then closes sockets: the errors must arrive first). The bus keeps one publishing
   * and one subscribed connection, so a marker published after them on every shard comes back
   * after them. Gives up after `timeoutMs`.
   */
  async flush(timeoutMs = 1_000): Promise<void> {
    await Promise.all(this.#chains.values());
    if (this.#options.local) return;
    const token = crypto.randomUUID();
    let seen = 0;
    const back = new Promise<void>((resolve) => {
      this.#markers.set(token, () => {
        if (++seen === SHARDS) resolve();
      });
    });
    try {
      for (let shard = 0; shard < SHARDS; shard++)
        await this.#options.bus.publish(shardTopic(shard), `\n${token}`);
      await Promise.race([back, Bun.sleep(timeoutMs)]);
    } finally {
      this.#markers.delete(token);
    }
  }

  async close(): Promise<void> {
    for (const unsubscribe of this.#unsubscribes.splice(0)) await unsubscribe();
  }
}
