/**
 * The server's Prometheus series (kit's Metrics): live /ws and /ws/agent connections and
 * streams are read at scrape time from the real-time side; the pipeline's events are counted
 * as they happen through the PipelineCounters port. HTTP latency by route is kit's httpMetrics.
 */
import { Metrics } from "@rt/kit";
import type { PipelineCounters } from "./pipeline-counters.ts";

/** This instance's own numbers (each instance is scraped on its own). */
export interface LiveCounts {
  readonly users: number;
  readonly agents: number;
  readonly streams: number;
}

export interface ArinovaMetrics {
  metrics: Metrics;
  counters: PipelineCounters;
  /** Connects the gauges to the real-time side, which is built after the metrics. */
  observe(live: LiveCounts): void;
}

export function createArinovaMetrics(): ArinovaMetrics {
  const metrics = new Metrics({ defaultLabels: { app: "arinova" } });
  let live: LiveCounts = { users: 0, agents: 0, streams: 0 };
  metrics.gauge({
    name: "arinova_ws_users",
    help: "Open /ws sockets of signed-in users on this instance",
    read: () => live.users,
  });
  metrics.gauge({
    name: "arinova_ws_agents",
    help: "Agents authenticated on /ws/agent on this instance",
    read: () => live.agents,
  });
  metrics.gauge({
    name: "arinova_active_streams",
    help: "Agent answers streaming through this instance's agent sockets",
    read: () => live.streams,
  });
  const stored = metrics.counter<"role">({
    name: "arinova_messages_stored_total",
    help: "Chat messages stored by the streaming pipeline (user messages and agent answers)",
    labelNames: ["role"],
  });
  const chunks = metrics.counter({
    name: "arinova_chunks_relayed_total",
    help: "Agent chunks relayed to users",
  });
  const pushes = metrics.counter<"outcome">({
    name: "arinova_push_total",
    help: "Web push requests after completed answers, by outcome (sent: accepted by the push service)",
    labelNames: ["outcome"],
  });
  return {
    metrics,
    counters: {
      messageStored: (role) => stored.inc({ role }),
      chunkRelayed: () => chunks.inc(),
      pushResult: (outcome) => pushes.inc({ outcome }),
    },
    observe: (counts) => {
      live = counts;
    },
  };
}
