/**
 * Benchmark client process: opens `count` WebSocket connections to `url` and reports
 * progress as JSON lines on stdout. Used by ws-idle and ws-fanout so the load never
 * shares a process (or a heap) with the server being measured.
 *
 *   bun bench/lib/ws-clients.ts <url> <count> [--expect-rounds]
 *
 * With --expect-rounds it prints {"round":r,"doneAt":ms} once every socket has received the
 * message of round r (the message body is the round number).
 */
import { clientArgs, emit, openAll, opened, type Tally } from "./client-process.ts";

const { url, count } = clientArgs("ws-clients.ts <url> <count> [--expect-rounds]");
const expectRounds = process.argv.includes("--expect-rounds");
const now = () => performance.timeOrigin + performance.now();
const tally: Tally = { opened: 0, failed: 0 };
const sockets: WebSocket[] = [];

// Rounds are sequential, so one counter suffices; kept minimal because this handler runs once
// per socket per round and its cost is part of what the fan-out benchmark observes.
let round = "";
let seen = 0;
function onMessage(event: MessageEvent) {
  if (!expectRounds) return;
  const data = event.data as string;
  if (data !== round) {
    round = data;
    seen = 0;
  }
  if (++seen === count) emit({ round: Number(round), doneAt: now() });
}

function open(): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.onopen = () => {
      opened(tally);
      resolve();
    };
    ws.onerror = () => {
      tally.failed++;
      resolve();
    };
    ws.onclose = (e) => {
      if (e.code !== 1000) emit({ closed: e.code, reason: e.reason });
    };
    ws.onmessage = onMessage;
    sockets.push(ws);
  });
}

await openAll(count, tally, open);
