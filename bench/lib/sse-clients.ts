/**
 * Benchmark client process: opens `count` SSE streams to `url` and keeps reading them.
 *
 *   bun bench/lib/sse-clients.ts <url> <count>
 */
import { clientArgs, emit, openAll, opened, type Tally } from "./client-process.ts";

const { url, count } = clientArgs("sse-clients.ts <url> <count>");
const tally: Tally = { opened: 0, failed: 0 };

async function drain(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  try {
    while (!(await reader.read()).done) {
      // Reading keeps the stream flowing; the content is irrelevant for an idle benchmark.
    }
  } catch {
    // Server went away at the end of the run.
  }
}

async function open(): Promise<void> {
  try {
    const res = await fetch(url, { headers: { accept: "text/event-stream" } });
    if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
    opened(tally);
    void drain(res.body);
  } catch (err) {
    tally.failed++;
    if (tally.failed < 5) emit({ error: String(err) });
  }
}

await openAll(count, tally, open);
