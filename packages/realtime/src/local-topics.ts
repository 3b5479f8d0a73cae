import type { Bus, BusHandler, Unsubscribe } from "./bus.ts";

const SETTLED: Promise<void> = Promise.resolve();

/**
 * One topic with local members. While the bus subscription is being made it holds the
 * pending promise; once made, only the unsubscribe handle, so a long-lived topic costs a
 * small object and no promise (per-user topics make one of these per connection).
 */
class LocalTopic {
  members = 1;
  pending: Promise<Unsubscribe> | undefined;
  unsubscribe: Unsubscribe | undefined;

  constructor(subscribing: Promise<Unsubscribe>) {
    this.pending = subscribing;
    subscribing.then(
      (unsubscribe) => {
        this.unsubscribe = unsubscribe;
        this.pending = undefined;
      },
      // The rejection is reported to whoever joins; this only keeps it from being unhandled.
      () => {},
    );
  }

  /** Settles when the bus subscription is live, or rejects when it failed. */
  ready(): Promise<void> {
    return this.pending ? this.pending.then(() => undefined) : SETTLED;
  }

  release(onError: (error: unknown) => void): Promise<void> {
    if (this.unsubscribe) return this.unsubscribe().catch(onError);
    return (this.pending ?? SETTLED).then(
      (unsubscribe) => unsubscribe?.().catch(onError),
      () => {},
    );
  }
}

/**
 * The bus subscriptions of one node's hub: one per topic that has at least one local member,
 * however many sockets share it, released when the last one leaves.
 */
export class LocalTopics {
  readonly #topics = new Map<string, LocalTopic>();
  readonly #bus: Bus;
  readonly #deliver: BusHandler;
  readonly #onError: (error: unknown) => void;

  constructor(bus: Bus, deliver: BusHandler, onError: (error: unknown) => void) {
    this.#bus = bus;
    this.#deliver = deliver;
    this.#onError = onError;
  }

  get size(): number {
    return this.#topics.size;
  }

  members(topic: string): number {
    return this.#topics.get(topic)?.members ?? 0;
  }

  /** Adds a member; settles when the bus subscription for the topic is live (or failed). */
  join(topic: string): Promise<void> {
    const entry = this.#topics.get(topic);
    if (entry) {
      entry.members++;
      return entry.ready();
    }
    const created = new LocalTopic(this.#bus.subscribe(topic, this.#deliver));
    this.#topics.set(topic, created);
    return created.ready();
  }

  /** Removes a member; resolves once the bus subscription is gone if it was the last one. */
  leave(topic: string): Promise<void> {
    const entry = this.#topics.get(topic);
    if (!entry) return SETTLED;
    entry.members--;
    if (entry.members > 0) return SETTLED;
    this.#topics.delete(topic);
    // A join that arrives meanwhile makes a new subscription; the bus keeps both apart.
    return entry.release(this.#onError);
  }

  async leaveAll(): Promise<void> {
    const topics = [...this.#topics.values()];
    this.#topics.clear();
    await Promise.all(topics.map((entry) => entry.release(this.#onError)));
  }
}
