import type { Bus, BusHandler, Unsubscribe } from "./bus.ts";
import { deliver, type HandlerErrorReporter, reportToConsole, type Subscription } from "./delivery.ts";

export interface MemoryBusOptions {
  onHandlerError?: HandlerErrorReporter;
}

/**
 * The bus for a single process. Delivery happens in a microtask, never inside `publish`, so
 * a publisher never re-enters its own handlers and ordering matches what Redis gives us.
 *
 * A hub holds one subscription per local topic, and per-user topics make that one per
 * connection, so each costs as little as possible: an array (not a Set) per topic and a bound
 * function (not closures) as the unsubscribe handle.
 */
export class MemoryBus implements Bus {
  readonly #topics = new Map<string, Subscription[]>();
  readonly #onHandlerError: HandlerErrorReporter;
  #closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.#onHandlerError = options.onHandlerError ?? reportToConsole;
  }

  publish(topic: string, message: string): Promise<void> {
    if (this.#closed) return Promise.reject(new Error("MemoryBus is closed"));
    if (this.#topics.has(topic)) {
      // Looked up again at delivery time so an unsubscribe that resolved in between is honoured.
      queueMicrotask(() => {
        const subscriptions = this.#topics.get(topic);
        if (subscriptions) deliver(subscriptions, message, topic, this.#onHandlerError);
      });
    }
    return Promise.resolve();
  }

  subscribe(topic: string, handler: BusHandler): Promise<Unsubscribe> {
    if (this.#closed) return Promise.reject(new Error("MemoryBus is closed"));
    const subscription: Subscription = { handler };
    const subscriptions = this.#topics.get(topic);
    if (subscriptions) subscriptions.push(subscription);
    else this.#topics.set(topic, [subscription]);
    return Promise.resolve(this.#release.bind(this, topic, subscription));
  }

  /** Idempotent: a second call finds nothing to remove. */
  #release(topic: string, subscription: Subscription): Promise<void> {
    const subscriptions = this.#topics.get(topic);
    const index = subscriptions?.indexOf(subscription) ?? -1;
    if (subscriptions && index >= 0) {
      subscriptions.splice(index, 1);
      if (subscriptions.length === 0) this.#topics.delete(topic);
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.#closed = true;
    this.#topics.clear();
    return Promise.resolve();
  }
}
