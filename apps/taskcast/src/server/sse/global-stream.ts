/**
 * The global stream `GET /events` (api.md §7): events of tasks created on this process after
 * the client connected, every frame an envelope with `filteredIndex` 0 and the raw delta,
 * a `:keepalive` comment at once and then every 30 s. It never ends on its own.
 */
import { sseResponse } from "@rt/realtime";
import type { TaskcastEngine } from "../../core/engine/engine.ts";
import { toEnvelope, toPublicEvent } from "../../core/events.ts";
import { type EventFilter, matchesFilter } from "../../core/filter.ts";
import { terminalStatusOf } from "../../core/replay.ts";
import type { Unsubscribe } from "../../storage/ports.ts";
import type { SubscriberCounts } from "../subscribers.ts";
import { sendEvent } from "./frames.ts";

const KEEPALIVE = "keepalive";

export function globalStreamResponse(
  engine: TaskcastEngine,
  filter: EventFilter,
  signal: AbortSignal,
  keepaliveMs: number,
  subscribers: SubscriberCounts,
): Response {
  return sseResponse({
    signal,
    heartbeatMs: keepaliveMs,
    heartbeatComment: KEEPALIVE,
    start: (stream) => {
      stream.comment(KEEPALIVE);
      stream.onClose(subscribers.openGlobal());
      const subscriptions = new Map<string, Promise<Unsubscribe>>();
      const drop = (taskId: string) => {
        void subscriptions.get(taskId)?.then((unsubscribe) => unsubscribe());
        subscriptions.delete(taskId);
      };
      const stopListening = engine.onTaskCreated((task) => {
        if (stream.closed) return;
        const subscription = engine.subscribe(task.id, (message) => {
          const event = toPublicEvent(message);
          if (matchesFilter(event, filter)) sendEvent(stream, toEnvelope(event, 0), event.id);
          // Nothing follows a terminal status, so the subscription can go.
          if (terminalStatusOf(event)) drop(task.id);
        });
        subscriptions.set(task.id, subscription);
      });
      stream.onClose(() => {
        stopListening();
        for (const taskId of [...subscriptions.keys()]) drop(taskId);
      });
    },
  });
}
