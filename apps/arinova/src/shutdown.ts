/**
 * The order a stopping instance lets go of things (kit's createShutdown runs them one by one
 * under its deadline): stop accepting connections; end the streams running through here as
 * errors the user sees while their socket is still open; close every socket with 1012 so the
 * web app and agents reconnect (to another instance, or to this one restarted); give in-flight
 * HTTP requests a moment; then the real-time side (its last writes, the bus, Redis) and the
 * database.
 */
import type { Shutdown } from "@rt/kit";
import type { Arinova } from "./app.ts";
import type { DatabaseHandle } from "./db/client.ts";

export interface Stoppable {
  /** Bun's server.stop(): stops listening at once, resolves when in-flight requests are done. */
  stop(): Promise<void>;
}

/** Requests still running after this are cut by the database closing under them. */
const REQUEST_DRAIN_MS = 1_000;

export function registerShutdown(
  shutdown: Shutdown,
  parts: { server: Stoppable; arinova: Arinova; database: DatabaseHandle },
): void {
  const { server, arinova, database } = parts;
  let requestsDone: Promise<void> = Promise.resolve();
  shutdown.onShutdown("http", () => {
    requestsDone = server.stop().catch(() => undefined);
  });
  shutdown.onShutdown("streams", () => arinova.endStreams());
  shutdown.onShutdown("sockets", () => arinova.closeSockets());
  shutdown.onShutdown("requests", () => Promise.race([requestsDone, Bun.sleep(REQUEST_DRAIN_MS)]));
  shutdown.onShutdown("app", () => arinova.close());
  shutdown.onShutdown("database", () => database.close());
}
