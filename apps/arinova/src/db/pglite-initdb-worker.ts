/**
 * Creates a new PGlite data directory (initdb) in a worker. initdb loads two extra WASM
 * instances whose memory the runtime never returns while the process lives (about 900 MB peak,
 * 530 MB kept); terminating the worker releases it, so the server itself stays near 140 MB.
 * For `bun build --compile`, pass this file as an extra entry point.
 */
import { PGlite } from "@electric-sql/pglite";
import { pgliteOptions } from "./pglite-settings.ts";

declare const self: Worker;

export type InitdbReply = { ok: true } | { ok: false; error: string };

self.onmessage = async (event: MessageEvent<string>) => {
  let reply: InitdbReply;
  try {
    const pglite = await PGlite.create(event.data, pgliteOptions());
    await pglite.close();
    reply = { ok: true };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  postMessage(reply);
};
