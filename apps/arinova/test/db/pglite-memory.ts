/**
 * Measures the RSS of a process holding the embedded PGlite database, fresh and reopened.
 * Not a test (figures depend on the machine); run it by hand after changing PGlite settings:
 *   node_modules/.bin/bun apps/arinova/test/db/pglite-memory.ts
 * Each measurement runs in its own process so that earlier allocations do not blur it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";

const megabytes = (): number => Math.round(process.memoryUsage.rss() / 1048576);

/** Highest RSS the process reached (Linux only): initdb's transient peak shows up here. */
async function peakMegabytes(): Promise<number | undefined> {
  const status = await Bun.file("/proc/self/status")
    .text()
    .catch(() => "");
  const kilobytes = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kilobytes ? Math.round(Number(kilobytes) / 1024) : undefined;
}

async function measureHere(dataDir: string): Promise<void> {
  const startedAt = performance.now();
  const atStart = megabytes();
  const handle = await openDatabase({ dataDir });
  const opened = megabytes();
  await migrate(handle.db);
  // Some ordinary work, so the figure is not just an idle buffer pool.
  for (let i = 0; i < 200; i++) {
    await handle.db.execute(
      sql`select count(*) from messages m join conversations c on c.id = m.conversation_id`,
    );
  }
  Bun.gc(true);
  await Bun.sleep(200);
  const figures = {
    atStart,
    opened,
    afterWork: megabytes(),
    peak: await peakMegabytes(),
    ms: Math.round(performance.now() - startedAt),
  };
  await handle.close();
  console.log(JSON.stringify(figures));
}

async function measureInChild(dataDir: string): Promise<string> {
  const child = Bun.spawn([process.execPath, import.meta.path, "--here", dataDir], { stdout: "pipe" });
  const output = await new Response(child.stdout).text();
  if ((await child.exited) !== 0) throw new Error(`measurement failed for ${dataDir}`);
  return output.trim();
}

const [flag, dataDir] = process.argv.slice(2);
if (flag === "--here" && dataDir) {
  await measureHere(dataDir);
} else {
  const scratch = mkdtempSync(join(tmpdir(), "arinova-pglite-memory-"));
  try {
    const dir = join(scratch, "data");
    console.log(`fresh data dir (initdb + migrate): ${await measureInChild(dir)}`);
    console.log(`reopened data dir:                 ${await measureInChild(dir)}`);
    console.log(`reopened again:                    ${await measureInChild(dir)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
