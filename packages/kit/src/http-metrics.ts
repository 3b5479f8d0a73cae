/** Request count and latency per method, route pattern and status. */
import type { MiddlewareHandler } from "hono";
import { matchedRoutes, routePath } from "hono/route";
import type { Metrics } from "./metrics.ts";

export interface HttpMetricsOptions {
  /** Latency buckets in seconds. */
  buckets?: readonly number[];
  /** Metric name prefix, default `http`. */
  prefix?: string;
}

type Labels = "method" | "route" | "status";

/**
 * Labels use the route pattern (`/tasks/:id`), never the raw path, so series stay bounded.
 * Requests no route handled are counted under `route="unmatched"`.
 */
export function httpMetrics(metrics: Metrics, options: HttpMetricsOptions = {}): MiddlewareHandler {
  const prefix = options.prefix ?? "http";
  const labelNames = ["method", "route", "status"] as const;
  const requests = metrics.counter<Labels>({
    name: `${prefix}_requests_total`,
    help: "HTTP requests handled",
    labelNames,
  });
  const duration = metrics.histogram<Labels>({
    name: `${prefix}_request_duration_seconds`,
    help: "HTTP request latency until the response headers, in seconds",
    labelNames,
    buckets: options.buckets ?? [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });

  return async (c, next) => {
    const started = performance.now();
    await next();
    // Hono's own convention: handlers take one parameter (c), middleware two (c, next).
    const handled = matchedRoutes(c).some((route) => route.handler.length < 2);
    const labels = {
      method: c.req.method,
      route: handled || c.res.status !== 404 ? routePath(c) : "unmatched",
      status: String(c.res.status),
    };
    requests.inc(labels);
    duration.observe(labels, (performance.now() - started) / 1000);
  };
}
