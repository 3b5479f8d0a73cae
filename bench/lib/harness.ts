/**
 * Shared plumbing for the transport benchmarks: a server under test in its own process
 * (so its RSS is only the server's), load from separate client processes, and a tiny
 * control channel (HTTP on the server: /stats, /publish) to drive rounds.
 */
import { join } from "node:path";

export const benchDir = join(import.meta.dir, "..");
const bun = process.execPath;

export function argNumber(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

export function argString(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? fallback;
}

export const log = (msg: string) => process.stderr.write(`${msg}\n`);

type Json = Record<string, unknown>;

async function* jsonLines(stream: ReadableStream<Uint8Array>): AsyncGenerator<Json> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of stream) {
    buffer += decoder.decode(chunk, { stream: true });
    let nl = buffer.indexOf("\n");
    while (nl >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line.startsWith("{")) yield JSON.parse(line) as Json;
      nl = buffer.indexOf("\n");
    }
  }
}

export interface ServerStats {
  rss: number;
  heapUsed: number;
  connections: number;
  /** User + system CPU time the server process has used so far. */
  cpuMicros: number;
}

export interface ServerUnderTest {
  port: number;
  stats(gc?: boolean): Promise<ServerStats>;
  control(path: string): Promise<Json>;
  stop(): Promise<void>;
}

/** Starts `bench/servers/<script>`; the server prints {"port":N} once listening. */
export async function startServer(
  script: string,
  env: Record<string, string> = {},
): Promise<ServerUnderTest> {
  // BENCH_BUN_ARGS passes runtime flags to the server only, e.g. "--cpu-prof" to profile it.
  const bunArgs = (process.env.BENCH_BUN_ARGS ?? "").split(" ").filter(Boolean);
  const child = Bun.spawn([bun, ...bunArgs, join(benchDir, "servers", script)], {
    stdout: "pipe",
    stderr: "inherit",
    env: { ...process.env, ...env },
  });
  const lines = jsonLines(child.stdout);
  const first = await lines.next();
  const port = Number(first.value?.port);
  if (!port) throw new Error(`${script} did not report a port`);
  void (async () => {
    for await (const _ of lines) {
      // keep draining so the server never blocks on a full pipe
    }
  })();
  const base = `http://127.0.0.1:${port}`;
  const control = async (path: string) => (await (await fetch(`${base}${path}`)).json()) as Json;
  return {
    port,
    control,
    stats: async (gc = true) => (await control(`/__stats?gc=${gc ? 1 : 0}`)) as unknown as ServerStats,
    stop: async () => {
      child.kill("SIGTERM");
      await child.exited;
    },
  };
}

export interface ClientFleet {
  /** Resolves when every client process reported ready; returns total opened/failed. */
  ready: Promise<{ opened: number; failed: number }>;
  /** Every JSON line any client printed, as it arrives. */
  onLine(handler: (line: Json) => void): void;
  stop(): Promise<void>;
}

/** Spreads `total` connections over `processes` client processes running `bench/lib/<script>`. */
export function spawnClients(
  script: string,
  url: string,
  total: number,
  processes: number,
  extraArgs: string[] = [],
): ClientFleet {
  const handlers: Array<(line: Json) => void> = [];
  const per = Math.ceil(total / processes);
  const children: ReturnType<typeof Bun.spawn>[] = [];
  const readies: Promise<Json>[] = [];
  for (let p = 0; p < processes; p++) {
    const count = Math.min(per, total - p * per);
    if (count <= 0) break;
    const child = Bun.spawn([bun, join(benchDir, "lib", script), url, String(count), ...extraArgs], {
      stdin: "pipe",
      stdout: "pipe",
      stderr: "inherit",
      env: { ...process.env, BUN_CONFIG_MAX_HTTP_REQUESTS: "65000" },
    });
    children.push(child);
    readies.push(
      new Promise<Json>((resolve) => {
        void (async () => {
          for await (const line of jsonLines(child.stdout as ReadableStream<Uint8Array>)) {
            if (line.ready) resolve(line);
            for (const h of handlers) h(line);
          }
        })();
      }),
    );
  }
  return {
    ready: Promise.all(readies).then((rs) => ({
      opened: rs.reduce((a, r) => a + Number(r.opened), 0),
      failed: rs.reduce((a, r) => a + Number(r.failed), 0),
    })),
    onLine: (h) => handlers.push(h),
    stop: async () => {
      for (const c of children) c.kill("SIGTERM");
      await Promise.all(children.map((c) => c.exited));
    },
  };
}

/** Waits until the server reports at least `n` live connections. */
export async function waitForConnections(server: ServerUnderTest, n: number, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { connections } = await server.stats(false);
    if (connections >= n) return;
    if (Date.now() > deadline) throw new Error(`only ${connections}/${n} connections after ${timeoutMs} ms`);
    await Bun.sleep(200);
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

/** Prints the result as the last line of output and saves it under bench/results/. */
export async function report(name: string, result: Json) {
  const out = { bench: name, at: new Date().toISOString(), ...result };
  await Bun.write(join(benchDir, "results", `${name}.json`), `${JSON.stringify(out, null, 2)}\n`);
  console.log(JSON.stringify(out));
}
