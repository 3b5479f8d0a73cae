import type { BusHandler } from "./bus.ts";

/** Called when a subscriber's handler throws; the other subscribers still receive the message. */
export type HandlerErrorReporter = (error: unknown, topic: string) => void;

/** One `subscribe` call. Wrapping the handler lets the same function subscribe twice independently. */
export interface Subscription {
  readonly handler: BusHandler;
}

export const reportToConsole: HandlerErrorReporter = (error, topic) => {
  console.error(`[realtime] bus handler for "${topic}" threw`, error);
};

/**
 * Hands `message` to each subscription in turn. The list is copied first so a handler that
 * unsubscribes (or subscribes) while we iterate does not change who receives this message.
 */
export function deliver(
  subscriptions: Iterable<Subscription>,
  message: string,
  topic: string,
  onError: HandlerErrorReporter,
): void {
  for (const subscription of [...subscriptions]) {
    try {
      subscription.handler(message, topic);
    } catch (error) {
      onError(error, topic);
    }
  }
}

/** Makes an unsubscribe function safe to call twice: the second call is a no-op. */
export function once(release: () => Promise<void>): () => Promise<void> {
  let released: Promise<void> | undefined;
  return () => {
    released ??= release();
    return released;
  };
}
