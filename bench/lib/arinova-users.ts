/**
 * Benchmark client process: `count` signed-in browser tabs on Arinova's /ws. Claims seeded
 * users from the server (/__claim), signs their session cookies as Better Auth does, and opens
 * one socket each. Same stdout protocol as ws-clients.ts ({"opened"}, {"ready":true}).
 *
 *   bun bench/lib/arinova-users.ts <ws-url> <count> [--chat]
 *
 * With --chat, once every socket is open, each user sends one message when the server's /__go
 * flag is set (the driver sets it once every process is ready)
 * and reports {"latencies":[ms...]} of every stream_chunk (the chunk text carries the agent's
 * send time), {"starts":[ms...]}, the time from sending to its stream_start, and
 * {"streamsDone":n} when all its streams ended.
 */
import { BENCH_SECRET, signedSessionCookie } from "./arinova-cookie.ts";

const [urlArg, countArg] = process.argv.slice(2);
if (!urlArg || !countArg) throw new Error("usage: arinova-users.ts <ws-url> <count> [--chat]");
const chat = process.argv.includes("--chat");
const count = Number(countArg);
const httpBase = urlArg.replace(/^ws/, "http").replace(/\/ws$/, "");
const emit = (obj: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const now = () => performance.timeOrigin + performance.now();

const claim = (await (await fetch(`${httpBase}/__claim?count=${count}`)).json()) as {
  users: Array<{ token: string; conversationId: string }>;
};
const tabs: Array<{ ws: WebSocket; conversationId: string }> = [];
let opened = 0;
let failed = 0;
let ended = 0;
const latencies: number[] = [];
const starts: number[] = [];
let sentAt = 0;

function open(token: string, conversationId: string): Promise<void> {
  return new Promise((resolve) => {
    const headers = { cookie: signedSessionCookie(token, BENCH_SECRET) };
    const ws = new WebSocket(urlArg!, { headers } as unknown as string[]);
    ws.onopen = () => {
      opened++;
      if (opened % 500 === 0) emit({ opened });
      resolve();
    };
    ws.onerror = () => {
      failed++;
      resolve();
    };
    ws.onclose = (e) => {
      if (e.code !== 1000) emit({ closed: e.code, reason: e.reason });
    };
    if (chat) {
      ws.onmessage = (event) => {
        const data = String(event.data);
        if (data.includes('"stream_chunk"')) {
          const frame = JSON.parse(data) as { chunk: string };
          const agentSentAt = Number(frame.chunk.slice(1, frame.chunk.indexOf(";")));
          latencies.push(now() - agentSentAt);
        } else if (data.includes('"stream_start"')) {
          starts.push(now() - sentAt);
        } else if (data.includes('"stream_end"') || data.includes('"stream_error"')) {
          if (++ended === tabs.length) {
            emit({ latencies });
            emit({ starts });
            emit({ streamsDone: ended });
          }
        }
      };
    }
    tabs.push({ ws, conversationId });
  });
}

for (let i = 0; i < claim.users.length; i += 200) {
  await Promise.all(claim.users.slice(i, i + 200).map((u) => open(u.token, u.conversationId)));
}
emit({ opened, failed, ready: true });

// The driver flips /__go once every process is ready, so all streams start together.
if (chat) {
  let started = false;
  const poll = setInterval(async () => {
    const { go } = (await (await fetch(`${httpBase}/__go`)).json()) as { go: boolean };
    // Polls overlap when a fetch takes longer than the interval (a loaded machine): send once.
    if (!go || started) return;
    started = true;
    clearInterval(poll);
    sentAt = now();
    for (const { ws, conversationId } of tabs) {
      ws.send(JSON.stringify({ type: "send_message", conversationId, content: "Tell me a story" }));
    }
  }, 100);
}
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
