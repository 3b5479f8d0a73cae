/**
 * Benchmark client process: opens `count` SSE streams to `url`, and for every
 * `taskcast.event` frame whose data carries `sentAt` (ms, publisher clock) records the
 * publish-to-receive latency in a 0.1 ms histogram. Prints {"opened","failed","ready":true}
 * once every stream is open, then, when stdin closes or a stream sends `taskcast.done`,
 * {"histogram":[...],"received":n,"final":true}.
 *
 *   bun bench/lib/sse-latency-clients.ts <url> <count>
 */
const [urlArg, countArg] = process.argv.slice(2);
if (!urlArg || !countArg) throw new Error("usage: sse-latency-clients.ts <url> <count>");
const url: string = urlArg;
const count = Number(countArg);
const emit = (obj: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(obj)}\n`);
const now = () => performance.timeOrigin + performance.now();

/** 0.1 ms buckets up to 10 s; the last bucket takes everything slower. */
const BUCKETS = 100_000;
const histogram = new Uint32Array(BUCKETS);
let received = 0;
let opened = 0;
let failed = 0;
let finished = false;

function finish(): void {
  if (finished) return;
  finished = true;
  const sparse: Array<[number, number]> = [];
  histogram.forEach((n, bucket) => {
    if (n > 0) sparse.push([bucket, n]);
  });
  emit({ histogram: sparse, received, final: true });
  process.exit(0);
}

const EVENT_FRAME = "event: taskcast.event\n";
const DONE_FRAME = "event: taskcast.done\n";
const SENT_AT = '"sentAt":';

/**
 * Taskcast's frames are `event: X\ndata: {json}\nid: Y\n\n` and JSON has no raw line breaks,
 * so each frame runs to the next blank line. Frames are found with `indexOf` on the decoded
 * chunk, not split into lines, and the only thing read from a frame is its `sentAt` number:
 * at a few hundred thousand frames a second per process, this parsing is what the client
 * processes spend their CPU on, and they share the cores with the server under test.
 */
async function read(body: ReadableStream<Uint8Array>): Promise<void> {
  const decoder = new TextDecoder();
  // An incomplete frame left at the end of the previous chunk.
  let carry = "";
  try {
    for await (const chunk of body) {
      // Every frame this chunk completes arrived now.
      const at = now();
      const decoded = decoder.decode(chunk, { stream: true });
      const text = carry === "" ? decoded : carry + decoded;
      let start = 0;
      let end = text.indexOf("\n\n");
      while (end >= 0) {
        if (text.startsWith(EVENT_FRAME, start)) {
          const field = text.indexOf(SENT_AT, start);
          if (field >= 0 && field < end) {
            const ms = at - Number.parseFloat(text.slice(field + SENT_AT.length, end));
            histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms * 10)))]! += 1;
            received += 1;
          }
        } else if (text.startsWith(DONE_FRAME, start)) {
          finish();
        }
        start = end + 2;
        end = text.indexOf("\n\n", start);
      }
      carry = start === text.length ? "" : text.slice(start);
    }
  } catch {
    // Server went away at the end of the run.
  }
}

await Promise.all(
  Array.from({ length: count }, async () => {
    try {
      const res = await fetch(url, { headers: { accept: "text/event-stream" } });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      opened++;
      void read(res.body);
    } catch (err) {
      failed++;
      emit({ error: String(err) });
    }
  }),
);
emit({ opened, failed, ready: true });
process.stdin.on("end", finish);
process.stdin.resume();

export {};
