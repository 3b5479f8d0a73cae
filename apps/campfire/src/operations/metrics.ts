import { type Counter, Metrics } from "@rt/kit";
import type { Broadcaster } from "../models/broadcaster.ts";

// What an operator scrapes at /metrics (with @rt/kit's HTTP request count and latency): how many
// /cable sockets this instance holds, and how many messages have been posted through it.
export interface CampfireMetrics {
  metrics: Metrics;
  messagesPosted: Counter<never>;
}

export function campfireMetrics(connectedSockets: () => number): CampfireMetrics {
  const metrics = new Metrics({ defaultLabels: { app: "campfire" } });
  metrics.gauge({
    name: "campfire_connected_sockets",
    help: "Open /cable WebSockets on this instance",
    read: connectedSockets,
  });
  const messagesPosted = metrics.counter({
    name: "campfire_messages_posted_total",
    help: "Messages posted (web, bot API and bot replies) on this instance",
  });
  return { metrics, messagesPosted };
}

// Every posted message passes room.receive, which announces it through the broadcaster exactly
// once; counting there catches all three ways of posting without the models knowing about metrics.
export function countingPosts(broadcaster: Broadcaster, counter: Counter<never>): Broadcaster {
  return {
    ...broadcaster,
    messageCreated(room, message) {
      counter.inc();
      broadcaster.messageCreated(room, message);
    },
  };
}
