/**
 * bun bench/campfire-room.ts [--n 2000] [--runs 1] [--rate 20] [--seconds 15] [--warmup 1]
 *
 * The real Campfire server (bench/servers/campfire.ts, SQLite in a temporary directory) with one
 * open room of N members, each a /cable socket opened with a real signed session cookie and
 * subscribed like a room page (room, global rooms, own user stream, present). Load comes from
 * separate client processes (bench/lib/campfire-members.ts).
 *
 *  1. memory: bytes per connected member = least-squares RSS slope after a forced GC from N/2 to N
 *     connected members (target <= 8 KB).
 *  2. room: an administrator posts a message through the web route (POST /rooms/1/messages with
 *     CSRF token and session cookie, as Turbo does) every 1/rate seconds, open loop, for `seconds`.
 *     Post-to-all-delivered latency of one message = (wall-clock moment the LAST of the N members'
 *     sockets received the Turbo Stream append carrying it, stamped in the client process when its
 *     onmessage runs) − (wall-clock moment the POST reached the server's fetch handler, stamped
 *     before the app saw it). Both clocks are performance.timeOrigin + performance.now() on one
 *     machine. p50/p99 are over messages, excluding the first `warmup` seconds (target p99 < 100 ms
 *     at 20 messages/s). A message counts as delivered only if all N members got it.
 */

import { BENCH_ROOM_ID, POSTER_TOKEN, sessionCookie } from "./lib/campfire-members.ts";
import {
  argNumber,
  log,
  percentile,
  report,
  spawnClients,
  startServer,
  waitForConnections,
} from "./lib/harness.ts";
import { measureIdle } from "./lib/idle.ts";

const n = argNumber("n", 2000);
const runs = argNumber("runs", 1);
const rate = argNumber("rate", 20);
const seconds = argNumber("seconds", 15);
// Zero is a valid warm-up, which argNumber refuses.
const warmupAt = process.argv.indexOf("--warmup");
const warmupSeconds = warmupAt >= 0 ? Number(process.argv[warmupAt + 1]) : 1;
const round = (x: number) => Math.round(x * 10) / 10;

// --only room skips the memory phase (profiling the room with BENCH_BUN_ARGS=--cpu-prof).
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;

log(`memory: ${n} members with a room page open`);
const idle =
  only === "room"
    ? null
    : await measureIdle(
        () => startServer("campfire.ts", { BENCH_MEMBERS: String(n) }),
        "campfire-members.ts",
        "/cable",
        n,
        runs,
      );
log(`memory: ${idle?.bytesPerConnection} bytes per connected member`);

// A signed-in administrator's page: its cookie session holds the CSRF secret the form token masks.
async function signedInPoster(base: string): Promise<{ cookie: string; csrf: string }> {
  const session = sessionCookie(POSTER_TOKEN);
  const page = await fetch(`${base}/rooms/${BENCH_ROOM_ID}`, { headers: { cookie: session } });
  const html = await page.text();
  const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  const browserSession = page.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c?.startsWith("_campfire_session="));
  if (!csrf || !browserSession) throw new Error(`poster could not open the room (${page.status})`);
  return { cookie: `${session}; ${browserSession}`, csrf };
}

type Deliveries = Record<string, [number, number, number]>;

log(`room: ${n} members, ${rate} messages/s for ${seconds} s`);
const server = await startServer("campfire.ts", { BENCH_MEMBERS: String(n) });
const room = await (async () => {
  const base = `http://127.0.0.1:${server.port}`;
  const processes = Math.max(1, Math.ceil(n / 1000));
  const members = spawnClients("campfire-members.ts", `${base}/cable`, n, processes, ["--deliveries"]);
  const parts: Deliveries[] = [];
  let frameBytes = 0;
  const reported = new Promise<void>((resolve) => {
    members.onLine((line) => {
      if (line.deliveries) parts.push(line.deliveries as Deliveries);
      if (line.frameBytes) frameBytes = Number(line.frameBytes);
      if (line.reported && parts.length === processes) resolve();
    });
  });
  const opened = await members.ready;
  if (opened.failed) throw new Error(`${opened.failed} member connections failed`);
  await waitForConnections(server, n);
  await Bun.sleep(1000);
  const poster = await signedInPoster(base);

  const total = Math.round(rate * seconds);
  const responseMs: number[] = [];
  let failedPosts = 0;
  const before = await server.stats(false);
  const started = performance.now();
  const posts: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await Bun.sleep(wait);
    const sentAt = performance.now();
    const body = new URLSearchParams({
      "message[body]": `<div>Benchmark message ${i} for the whole room</div>`,
      "message[client_message_id]": `bench${i}`,
    });
    posts.push(
      fetch(`${base}/rooms/${BENCH_ROOM_ID}/messages`, {
        method: "POST",
        body,
        headers: {
          cookie: poster.cookie,
          "x-csrf-token": poster.csrf,
          accept: "text/vnd.turbo-stream.html, text/html, application/xhtml+xml",
          "x-bench-id": `bench${i}`,
        },
      }).then(async (response) => {
        await response.arrayBuffer();
        if (response.status !== 200) failedPosts++;
        responseMs.push(performance.now() - sentAt);
      }),
    );
  }
  await Promise.all(posts);
  const postingSeconds = (performance.now() - started) / 1000;
  const after = await server.stats(false);
  await Bun.sleep(3000);
  await server.control("/__report?set=1");
  await Promise.race([reported, Bun.sleep(30_000)]);
  const arrivals = (await server.control("/__arrivals")) as Record<string, number>;
  const rss = (await server.stats(true)).rss;
  await members.stop();
  await server.stop();

  const allDelivered: number[] = [];
  const firstDelivered: number[] = [];
  let incomplete = 0;
  const skip = Math.round(rate * warmupSeconds);
  for (let i = skip; i < total; i++) {
    const id = `bench${i}`;
    const arrivedAt = arrivals[id];
    const seen = parts.map((p) => p[id]).filter((d) => d !== undefined);
    const count = seen.reduce((a, d) => a + d[2], 0);
    if (arrivedAt === undefined || count < n) {
      incomplete++;
      continue;
    }
    allDelivered.push(Math.max(...seen.map((d) => d[1])) - arrivedAt);
    firstDelivered.push(Math.min(...seen.map((d) => d[0])) - arrivedAt);
  }
  return {
    members: n,
    ratePerSecond: rate,
    messagesPosted: total,
    messageFrameBytes: frameBytes,
    messagesMeasured: allDelivered.length,
    messagesNotDeliveredToAll: incomplete,
    failedPosts,
    postingSeconds: round(postingSeconds),
    deliveriesPerSecond: Math.round((allDelivered.length * n) / postingSeconds),
    allDeliveredP50Ms: round(percentile(allDelivered, 50)),
    allDeliveredP99Ms: round(percentile(allDelivered, 99)),
    allDeliveredMaxMs: round(Math.max(...allDelivered)),
    firstDeliveredP50Ms: round(percentile(firstDelivered, 50)),
    postResponseP50Ms: round(percentile(responseMs, 50)),
    postResponseP99Ms: round(percentile(responseMs, 99)),
    serverCpuPercent: Math.round((after.cpuMicros - before.cpuMicros) / 1e4 / postingSeconds),
    serverRssBytesAfter: rss,
  };
})();
log(`room: all delivered p50 ${room.allDeliveredP50Ms} ms, p99 ${room.allDeliveredP99Ms} ms`);

await report("campfire-room", {
  memory: idle && { ...idle, targetBytesPerMember: 8192 },
  room: { ...room, targetP99Ms: 100 },
});
