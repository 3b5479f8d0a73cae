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

async function read(body: ReadableStream<Uint8Array>): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = "";
  let event = "";
  try {
    for await (const chunk of body) {
      // Every frame this chunk completes arrived now.
      const at = now();
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf("\n");
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ") && event === "taskcast.event") {
          const field = line.indexOf('"sentAt":');
          if (field >= 0) {
            const ms = at - Number.parseFloat(line.slice(field + 9));
            histogram[Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms * 10)))]! += 1;
            received += 1;
          }
        } else if (line.startsWith("data: ") && event === "taskcast.done") {
          finish();
        }
      }
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
