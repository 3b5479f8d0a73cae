/**
 * The idle-connection measurement shared by ws-idle and sse-idle. Connections are opened in
 * steps; after each step the server is settled with a forced GC and its RSS and JS heap are
 * read. `bytesPerConnection` is the least-squares RSS slope over the steps from N/2 to N
 * (the marginal cost, which is what capacity planning needs), and the whole measurement is
 * repeated `runs` times on a fresh server, reporting the median, because a single RSS
 * reading moves by a few hundred KB with allocator timing.
 */
import {
  type ClientFleet,
  log,
  median,
  type ServerUnderTest,
  spawnClients,
  waitForConnections,
} from "./harness.ts";

export interface IdleRun {
  rssStartBytes: number;
  bytesPerConnection: number;
  heapBytesPerConnection: number;
  points: Array<{ connections: number; rss: number; heapUsed: number }>;
}

export interface IdleResult {
  n: number;
  runs: number;
  rssStartBytes: number;
  bytesPerConnection: number;
  heapBytesPerConnection: number;
  bytesPerConnectionRuns: number[];
}

const STEPS = 6;

async function settle(server: ServerUnderTest) {
  await Bun.sleep(800);
  await server.stats(true);
  await Bun.sleep(300);
  return server.stats(true);
}

function slope(points: Array<{ x: number; y: number }>): number {
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return num / den;
}

async function measureOnce(server: ServerUnderTest, clientScript: string, url: string, n: number) {
  const start = await settle(server);
  const points: IdleRun["points"] = [];
  const fleets: ClientFleet[] = [];
  // First half in one go, then the second half in equal steps.
  const targets = [Math.floor(n / 2)];
  for (let i = 1; i <= STEPS; i++) targets.push(Math.floor(n / 2 + (i * (n - n / 2)) / STEPS));
  let open = 0;
  for (const target of targets) {
    const count = target - open;
    const fleet = spawnClients(clientScript, url, count, Math.max(1, Math.ceil(count / 2500)));
    fleets.push(fleet);
    const result = await fleet.ready;
    if (result.failed) throw new Error(`${result.failed} connections failed`);
    await waitForConnections(server, target);
    open = target;
    const s = await settle(server);
    points.push({ connections: target, rss: s.rss, heapUsed: s.heapUsed });
    log(`${target} open: rss ${(s.rss / 1e6).toFixed(1)} MB, heap ${(s.heapUsed / 1e6).toFixed(1)} MB`);
  }
  await Promise.all(fleets.map((f) => f.stop()));
  return {
    rssStartBytes: start.rss,
    bytesPerConnection: Math.round(slope(points.map((p) => ({ x: p.connections, y: p.rss })))),
    heapBytesPerConnection: Math.round(slope(points.map((p) => ({ x: p.connections, y: p.heapUsed })))),
    points,
  } satisfies IdleRun;
}

export async function measureIdle(
  startServer: () => Promise<ServerUnderTest>,
  clientScript: string,
  path: string,
  n: number,
  runs: number,
): Promise<IdleResult> {
  const results: IdleRun[] = [];
  for (let run = 0; run < runs; run++) {
    const server = await startServer();
    try {
      const base = `${path.startsWith("/ws") ? "ws" : "http"}://127.0.0.1:${server.port}${path}`;
      results.push(await measureOnce(server, clientScript, base, n));
      log(`run ${run + 1}: ${results.at(-1)?.bytesPerConnection} bytes/connection`);
    } finally {
      await server.stop();
    }
  }
  return {
    n,
    runs,
    rssStartBytes: median(results.map((r) => r.rssStartBytes)),
    bytesPerConnection: median(results.map((r) => r.bytesPerConnection)),
    heapBytesPerConnection: median(results.map((r) => r.heapBytesPerConnection)),
    bytesPerConnectionRuns: results.map((r) => r.bytesPerConnection),
  };
}
