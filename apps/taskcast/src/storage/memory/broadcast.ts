/**
 * In-process broadcast: synchronous fan-out per task channel. Each publish is serialised
 * once through JSON so subscribers see exactly what a Redis subscriber would (undefined keys
 * gone); the decoded copy is frozen and shared, so no subscriber can change what another sees
 * and a hundred subscribers cost one decode, not a hundred.
 */
import type { BroadcastMessage } from "../../core/types.ts";
import type { BroadcastProvider, Unsubscribe } from "../ports.ts";

type Handler = (message: BroadcastMessage) => void;

export class MemoryBroadcast implements BroadcastProvider {
  private readonly channels = new Map<string, Set<Handler>>();

  async publish(taskId: string, message: BroadcastMessage): Promise<void> {
    const handlers = this.channels.get(taskId);
    if (!handlers || handlers.size === 0) return;
    const copy = deepFreeze(JSON.parse(JSON.stringify(message)) as BroadcastMessage);
    // Copy the set: a handler may unsubscribe (itself or others) while we deliver.
    for (const handler of [...handlers]) {
      try {
        handler(copy);
      } catch {
        // One subscriber's failure must never stop delivery to the others or fail the publish.
      }
    }
  }

  async subscribe(taskId: string, handler: Handler): Promise<Unsubscribe> {
    let handlers = this.channels.get(taskId);
    if (!handlers) {
      handlers = new Set();
      this.channels.set(taskId, handlers);
    }
    // Wrap so subscribing the same function twice yields two independent subscriptions.
    const entry: Handler = (message) => handler(message);
    handlers.add(entry);
    return async () => {
      const current = this.channels.get(taskId);
      if (!current) return;
      current.delete(entry);
      if (current.size === 0) this.channels.delete(taskId);
    };
  }

  /** Live subscriptions for a task; lets tests and diagnostics check that streams clean up. */
  subscriberCount(taskId: string): number {
    return this.channels.get(taskId)?.size ?? 0;
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }
  return value;
}
