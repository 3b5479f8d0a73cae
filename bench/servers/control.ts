/** The benchmark control endpoint every bench server answers under /__. */
export interface ControlOptions {
  connections: () => number;
  publish?: (round: string) => Promise<void>;
}

export async function control(url: URL, options: ControlOptions): Promise<Response> {
  if (url.pathname === "/__stats") {
    if (url.searchParams.get("gc") === "1") {
      Bun.gc(true);
      await Bun.sleep(50);
      Bun.gc(true);
    }
    const mem = process.memoryUsage();
    const cpu = process.cpuUsage();
    return Response.json({
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      connections: options.connections(),
      cpuMicros: cpu.user + cpu.system,
    });
  }
  if (url.pathname === "/__publish" && options.publish) {
    await options.publish(url.searchParams.get("round") ?? "0");
    return Response.json({ ok: true });
  }
  return new Response("not found", { status: 404 });
}

/** The bus the benchmark asked for: memory unless BENCH_BUS=redis. */
export async function benchBus() {
  const { MemoryBus, RedisBus } = await import("@rt/realtime");
  if (process.env.BENCH_BUS === "redis") {
    return new RedisBus({
      url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      prefix: `bench${process.pid}`,
    });
  }
  return new MemoryBus();
}
