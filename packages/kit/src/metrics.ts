/**
 * Prometheus metrics on prom-client (pure JS, fine on Bun as long as its Node-only default
 * metrics are left off). Each Metrics owns its registry, so two apps in one process, or two
 * tests, never collide on the global one.
 */
import type { Handler } from "hono";
import { Counter, Gauge, Histogram, Registry } from "prom-client";

export type { Counter, Gauge, Histogram } from "prom-client";

interface MetricSpec<L extends string> {
  name: string;
  help: string;
  labelNames?: readonly L[];
}

export interface GaugeSpec<L extends string> extends MetricSpec<L> {
  /** Read at every scrape: for values that live elsewhere, like the open connection count. */
  read?: () => number | Promise<number>;
}

export interface HistogramSpec<L extends string> extends MetricSpec<L> {
  /** Upper bounds; `+Inf` is added. Defaults to prom-client's (5 ms to 10 s, in seconds). */
  buckets?: readonly number[];
}

export interface MetricsOptions {
  /** Labels on every series, e.g. `{ app: "taskcast" }`. */
  defaultLabels?: Record<string, string>;
}

export class Metrics {
  readonly registry = new Registry();

  constructor(options: MetricsOptions = {}) {
    if (options.defaultLabels) this.registry.setDefaultLabels(options.defaultLabels);
  }

  counter<L extends string = never>(spec: MetricSpec<L>): Counter<L> {
    return new Counter<L>({ ...spec, labelNames: spec.labelNames ?? [], registers: [this.registry] });
  }

  gauge<L extends string = never>(spec: GaugeSpec<L>): Gauge<L> {
    const { read, ...rest } = spec;
    return new Gauge<L>({
      ...rest,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
      ...(read && {
        async collect(this: Gauge<L>) {
          this.set(await read());
        },
      }),
    });
  }

  histogram<L extends string = never>(spec: HistogramSpec<L>): Histogram<L> {
    const { buckets, ...rest } = spec;
    return new Histogram<L>({
      ...rest,
      labelNames: spec.labelNames ?? [],
      registers: [this.registry],
      ...(buckets && { buckets: [...buckets] }),
    });
  }

  /** The text exposition format (version 0.0.4). */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** `GET /metrics` handler. */
export const metricsHandler =
  (metrics: Metrics): Handler =>
  async (c) =>
    c.body(await metrics.text(), 200, { "content-type": metrics.contentType });
