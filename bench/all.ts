/**
 * `npm run bench`: every benchmark in turn, each in its own process as if run by hand, then
 * one JSON line per benchmark with its result (each also saved under bench/results/).
 * Arinova's benchmark uses PostgreSQL when DATABASE_URL is set, PGlite otherwise.
 */
import { join } from "node:path";

const benches = [
  ["ws-idle.ts"],
  ["sse-idle.ts"],
  ["ws-fanout.ts"],
  ["taskcast-throughput.ts"],
  ["campfire-room.ts"],
  ["arinova-chat.ts"],
];

const results: string[] = [];
for (const [script, ...args] of benches) {
  process.stderr.write(`== ${script}\n`);
  const child = Bun.spawn([process.execPath, join(import.meta.dir, script ?? ""), ...args], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const output = await new Response(child.stdout).text();
  const code = await child.exited;
  const last = output.trim().split("\n").at(-1) ?? "";
  results.push(code === 0 && last.startsWith("{") ? last : JSON.stringify({ bench: script, failed: code }));
}
for (const line of results) console.log(line);
