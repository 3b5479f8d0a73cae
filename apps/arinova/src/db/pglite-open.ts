/** Opens PGlite on a data directory, creating the directory out of process when it is new. */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { InitdbReply } from "./pglite-initdb-worker.ts";
import { pgliteOptions } from "./pglite-settings.ts";

export async function openPgliteDataDir(dataDir: string): Promise<PGlite> {
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    mkdirSync(dataDir, { recursive: true });
    await initdbInWorker(dataDir);
  }
  return PGlite.create(dataDir, pgliteOptions());
}

async function initdbInWorker(dataDir: string): Promise<void> {
  const worker = new Worker(new URL("./pglite-initdb-worker.ts", import.meta.url));
  try {
    const reply = await new Promise<InitdbReply>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<InitdbReply>) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(`PGlite initdb worker failed: ${event.message}`));
      worker.postMessage(dataDir);
    });
    if (!reply.ok) throw new Error(`PGlite initdb failed in ${dataDir}: ${reply.error}`);
  } finally {
    worker.terminate();
  }
}
