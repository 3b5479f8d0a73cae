/**
 * Benchmark client process: `count` room members with a Campfire page open. Claims seeded members
 * from the server (/__claim), signs each one's `session_token` cookie as the app does, opens one
 * /cable socket per member and, like a room page, subscribes to the room, the global rooms stream
 * and the member's own stream, then says it is present in the room. A member counts as opened
 * once the server confirmed the room subscription. Same stdout protocol as ws-clients.ts.
 *
 *   bun bench/lib/campfire-members.ts <http-or-ws-url> <count> [--deliveries]
 *
 * With --deliveries every socket notes when each benchmark message (client message id
 * `bench<n>`) reached it; when the server's /__report flag is set the process prints
 * {"deliveries":{"bench<n>":[firstAt,lastAt,count]},"frameBytes":n} (wall-clock ms; the size of one
 * message's frame) and {"reported":true}.
 */
import { createHmac } from "node:crypto";
import { deriveKey } from "../../apps/campfire/src/config.ts";
import { clientArgs, emit, openAll, opened, type Tally } from "./client-process.ts";

export const BENCH_SECRET = "campfire-bench-secret-0123456789abcdef";
export const BENCH_ROOM_ID = 1;
export const POSTER_TOKEN = "bench-poster-token";
export const memberToken = (userId: number) => `bench-member-token-${userId}`;

// The app's cookie: hono's signed cookie (value.base64(HMAC-SHA256)) under the derived cookie key.
export function sessionCookie(token: string): string {
  const key = deriveKey(BENCH_SECRET, "signed cookie");
  const signature = createHmac("sha256", key).update(token).digest("base64");
  return `session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}

const now = () => performance.timeOrigin + performance.now();
const ROOM_FRAME = `{"type":"stream","stream":"room:${BENCH_ROOM_ID}"`;
const MESSAGE_KEY = 'id=\\"message_bench';

async function run(): Promise<void> {
  const { url, count } = clientArgs("campfire-members.ts <url> <count> [--deliveries]");
  const httpBase = new URL(url.replace(/^ws/, "http")).origin;
  const wsUrl = `${httpBase.replace(/^http/, "ws")}/cable`;
  const trackDeliveries = process.argv.includes("--deliveries");
  const claim = (await (await fetch(`${httpBase}/__claim?count=${count}`)).json()) as { ids: number[] };
  const tally: Tally = { opened: 0, failed: 0 };
  const deliveries = new Map<string, [number, number, number]>();
  const sockets: WebSocket[] = [];
  let frameBytes = 0;

  // Runs once per socket per message: a prefix test and one indexOf, no JSON parsing.
  function onMessage(event: MessageEvent): void {
    const data = event.data as string;
    if (!data.startsWith(ROOM_FRAME)) return;
    const at = data.indexOf(MESSAGE_KEY);
    if (at < 0) return;
    const start = at + MESSAGE_KEY.length - "bench".length;
    const id = data.slice(start, data.indexOf("\\", start));
    const seen = deliveries.get(id);
    const t = now();
    if (frameBytes === 0) frameBytes = Buffer.byteLength(data);
    if (seen) {
      seen[1] = t;
      seen[2]++;
    } else deliveries.set(id, [t, t, 1]);
  }

  let next = 0;
  const open = (): Promise<void> =>
    new Promise((resolve) => {
      const userId = claim.ids[next++];
      if (userId === undefined) {
        tally.failed++;
        return resolve();
      }
      const headers = { cookie: sessionCookie(memberToken(userId)) };
      const ws = new WebSocket(wsUrl, { headers } as unknown as string[]);
      let settled = false;
      const settle = (ok: boolean) => {
        if (settled) return;
        settled = true;
        if (ok) opened(tally);
        else tally.failed++;
        resolve();
      };
      ws.onopen = () => {
        for (const stream of [`room:${BENCH_ROOM_ID}`, "rooms", `user:${userId}`])
          ws.send(JSON.stringify({ command: "subscribe", stream }));
        ws.send(JSON.stringify({ command: "present", room_id: BENCH_ROOM_ID }));
      };
      ws.onmessage = (event) => {
        if (settled) {
          if (trackDeliveries) onMessage(event);
          return;
        }
        const data = event.data as string;
        if (data.includes('"confirm"') && data.includes(`"room:${BENCH_ROOM_ID}"`)) settle(true);
        else if (data.includes('"reject"')) settle(false);
      };
      ws.onerror = () => settle(false);
      ws.onclose = (e) => {
        if (!settled) settle(false);
        else if (e.code !== 1000) emit({ closed: e.code, reason: e.reason });
      };
      sockets.push(ws);
    });

  if (trackDeliveries) {
    const poll = setInterval(async () => {
      const { report } = (await (await fetch(`${httpBase}/__report`)).json()) as { report: boolean };
      if (!report) return;
      clearInterval(poll);
      emit({ deliveries: Object.fromEntries(deliveries), frameBytes });
      emit({ reported: true });
    }, 500);
  }
  await openAll(claim.ids.length, tally, open);
}

if (import.meta.main) await run();
