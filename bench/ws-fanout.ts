/**
 * bun bench/ws-fanout.ts [--n 10000] [--rounds 5] [--processes 4]
 * N sockets on one topic; one message published through the bus (memory, then Redis);
 * reports the client-observed time until every socket received it, median of the rounds.
 * Target on the 2-core machine: medianMsMemory <= 150, medianMsRedis <= 250.
 */
import {
  argNumber,
  argString,
  log,
  median,
  report,
  spawnClients,
  startServer,
  waitForConnections,
} from "./lib/harness.ts";

const n = argNumber("n", 10_000);
const rounds = argNumber("rounds", 5);
const clientProcesses = argNumber("processes", Math.max(1, Math.ceil(n / 2500)));
const redisUrl = argString("redis", process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const now = () => performance.timeOrigin + performance.now();

async function fanout(bus: "memory" | "redis"): Promise<number[]> {
  const server = await startServer("ws-hub.ts", { BENCH_BUS: bus, REDIS_URL: redisUrl });
  const processes = clientProcesses;
  const fleet = spawnClients("ws-clients.ts", `ws://127.0.0.1:${server.port}/ws`, n, processes, [
    "--expect-rounds",
  ]);
  const done = new Map<number, number[]>();
  fleet.onLine((line) => {
    if (typeof line.round !== "number") return;
    const list = done.get(line.round) ?? [];
    list.push(Number(line.doneAt));
    done.set(line.round, list);
  });
  try {
    const opened = await fleet.ready;
    if (opened.failed) throw new Error(`${opened.failed} connections failed`);
    await waitForConnections(server, n);
    const times: number[] = [];
    // Round 0 warms up JIT and buffers and is not counted.
    for (let round = 0; round <= rounds; round++) {
      await Bun.sleep(300);
      const t0 = now();
      await server.control(`/__publish?round=${round}`);
      const deadline = Date.now() + 30_000;
      while ((done.get(round)?.length ?? 0) < processes) {
        if (Date.now() > deadline) throw new Error(`round ${round}: not every client received it`);
        await Bun.sleep(2);
      }
      const ms = Math.max(...(done.get(round) ?? [])) - t0;
      if (round > 0) times.push(Math.round(ms * 100) / 100);
      log(`${bus} round ${round}: ${ms.toFixed(1)} ms`);
    }
    return times;
  } finally {
    await fleet.stop();
    await server.stop();
  }
}

const memory = await fanout("memory");
const redis = await fanout("redis");
await report("ws-fanout", {
  n,
  rounds,
  clientProcesses,
  medianMsMemory: median(memory),
  medianMsRedis: median(redis),
  roundsMsMemory: memory,
  roundsMsRedis: redis,
  targetMsMemory: 150,
  targetMsRedis: 250,
});
