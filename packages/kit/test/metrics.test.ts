import { afterAll, describe, expect, test } from "bun:test";
import {
  createApp,
  createLogger,
  healthHandler,
  httpMetrics,
  Metrics,
  metricsHandler,
} from "../src/index.ts";
import { serve } from "./serve.ts";

const metrics = new Metrics({ defaultLabels: { app: "kit" } });
let connections = 3;
metrics.gauge({ name: "live_connections", help: "Open sockets", read: () => connections });
const jobs = metrics.counter({ name: "jobs_total", help: "Jobs run", labelNames: ["queue"] });
const sizes = metrics.histogram({ name: "payload_bytes", help: "Payload sizes", buckets: [10, 100] });

const app = createApp({ name: "metrics", logger: createLogger({ level: "silent" }) });
app.use(httpMetrics(metrics, { buckets: [0.5, 5] }));
app.get("/metrics", metricsHandler(metrics));
app.get("/tasks/:id", (c) => c.json({ id: c.req.param("id") }));
let redisUp = true;
app.get(
  "/health",
  healthHandler({
    checks: {
      redis: () => {
        if (!redisUp) throw new Error("connection refused");
      },
      slow: () => new Promise((resolve) => setTimeout(resolve, 5)),
    },
    timeoutMs: 500,
  }),
);

const server = serve(app);
afterAll(() => server.stop());

const scrape = async () => {
  const res = await fetch(`${server.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
  return res.text();
};

describe("metrics", () => {
  test("exposes counters, callback gauges and histograms in Prometheus text format", async () => {
    jobs.inc({ queue: "email" });
    jobs.inc({ queue: "email" }, 2);
    sizes.observe(50);
    sizes.observe(500);
    connections = 7;
    const text = await scrape();
    expect(text).toContain(
      '# HELP jobs_total Jobs run\n# TYPE jobs_total counter\njobs_total{queue="email",app="kit"} 3\n',
    );
    expect(text).toContain('# TYPE live_connections gauge\nlive_connections{app="kit"} 7\n');
    expect(text).toContain(
      [
        "# HELP payload_bytes Payload sizes",
        "# TYPE payload_bytes histogram",
        'payload_bytes_bucket{le="10",app="kit"} 0',
        'payload_bytes_bucket{le="100",app="kit"} 1',
        'payload_bytes_bucket{le="+Inf",app="kit"} 2',
        'payload_bytes_sum{app="kit"} 550',
        'payload_bytes_count{app="kit"} 2',
      ].join("\n"),
    );
  });

  test("the HTTP middleware labels by route pattern, method and status", async () => {
    await fetch(`${server.url}/tasks/a1`);
    await fetch(`${server.url}/tasks/b2`);
    await fetch(`${server.url}/no/such/path`);
    const text = await scrape();
    expect(text).toContain('http_requests_total{method="GET",route="/tasks/:id",status="200",app="kit"} 2');
    expect(text).toContain('http_requests_total{method="GET",route="unmatched",status="404",app="kit"} 1');
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="+Inf",app="kit",method="GET",route="/tasks/:id",status="200"} 2',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{app="kit",method="GET",route="/tasks/:id",status="200"} 2',
    );
    expect(text).not.toContain("/tasks/a1");
  });
});

describe("health", () => {
  test("200 when every check passes, 503 naming the failure", async () => {
    const ok = await fetch(`${server.url}/health`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ok", checks: { redis: "ok", slow: "ok" } });
    redisUp = false;
    const failing = await fetch(`${server.url}/health`);
    expect(failing.status).toBe(503);
    expect(await failing.json()).toEqual({
      status: "fail",
      checks: { redis: "connection refused", slow: "ok" },
    });
    redisUp = true;
  });

  test("a hung check times out instead of hanging the probe", async () => {
    const hung = createApp({ name: "hung", logger: createLogger({ level: "silent" }) });
    hung.get("/health", healthHandler({ checks: { db: () => new Promise(() => {}) }, timeoutMs: 20 }));
    const res = await hung.request("/health");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: "fail", checks: { db: "timeout after 20ms" } });
  });
});
