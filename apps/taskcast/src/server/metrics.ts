/**
 * Prometheus metrics for one server (`GET /metrics`, ours: the original has none). The names
 * are Taskcast's domain words; HTTP request counts and latencies come from the kit's
 * middleware. Each server owns its registry, so several servers in one process never collide.
 */
import { type Counter, type Histogram, Metrics } from "@rt/kit";
import type { TaskcastEngine } from "../core/engine/engine.ts";
import type { TaskStatus } from "../core/types.ts";

/** Seconds; a publish is a hot-store write plus a broadcast, so mostly well under 100 ms. */
const PUBLISH_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class TaskcastMetrics {
  readonly registry = new Metrics({ defaultLabels: { app: "taskcast" } });
  private readonly tasksCreated: Counter<never>;
  private readonly eventsPublished: Counter<never>;
  private readonly transitions: Counter<"from" | "to">;
  private readonly publishSeconds: Histogram<never>;

  constructor() {
    this.tasksCreated = this.registry.counter({
      name: "taskcast_tasks_created_total",
      help: "Tasks created on this process",
    });
    this.eventsPublished = this.registry.counter({
      name: "taskcast_events_published_total",
      help: "Events published through this process (status events not included)",
    });
    this.transitions = this.registry.counter({
      name: "taskcast_transitions_total",
      help: "Status transitions committed by this process, TTL timeouts and wake-ups included",
      labelNames: ["from", "to"],
    });
    this.publishSeconds = this.registry.histogram({
      name: "taskcast_publish_duration_seconds",
      help: "Time from a publish request reaching the engine to its answer, in seconds",
      buckets: PUBLISH_BUCKETS,
    });
  }

  /** The engine hook (`onEventPublished`): counts the event and its latency. */
  readonly published = (_event: unknown, durationMs: number): void => {
    this.eventsPublished.inc();
    this.publishSeconds.observe(durationMs / 1000);
  };

  /** Counts the engine's creations and transitions; the returned function stops counting. */
  watch(engine: TaskcastEngine): () => void {
    const stops = [
      engine.onTaskCreated(() => this.tasksCreated.inc()),
      engine.onTaskTransitioned((_task, from: TaskStatus, to: TaskStatus) =>
        this.transitions.inc({ from, to }),
      ),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  }

  /** Read at every scrape, so the gauge never drifts from the streams actually open. */
  countStreams(read: () => number): void {
    this.registry.gauge({
      name: "taskcast_sse_streams",
      help: "Open SSE streams (per-task and global)",
      read,
    });
  }
}
