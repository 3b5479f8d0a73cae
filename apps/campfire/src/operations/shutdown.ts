import type { Shutdown } from "@rt/kit";
import type { Bus } from "@rt/realtime";
import type { Campfire } from "../app.ts";

export interface ShutdownParts {
  server: { stop(closeActiveConnections?: boolean): Promise<void> };
  campfire: Campfire;
  // Owned by main (RedisBus and the rate limiter's client); the app closes only what it made.
  bus?: Bus;
  redis?: { quit(): Promise<unknown> };
  // How long requests in flight get to finish once the sockets are closed, before they are cut.
  drainMs?: number;
}

// The order matters: stop taking connections, let pages go, finish the work in hand (webhooks, push,
// database), and only then close the connections that work needed. kit's createShutdown runs the
// steps in order under one deadline and exits 1 if it passes.
export function planShutdown(shutdown: Shutdown, parts: ShutdownParts): void {
  let stopping: Promise<void> = Promise.resolve();
  shutdown.onShutdown("http", () => {
    // Not awaited: Bun's stop() resolves only once every connection is gone, sockets included, and
    // closing those is the next step.
    stopping = parts.server.stop();
  });
  shutdown.onShutdown("sockets", async () => {
    parts.campfire.disconnectSockets();
    const drained = await Promise.race([
      stopping.then(() => true),
      Bun.sleep(parts.drainMs ?? 5000).then(() => false),
    ]);
    if (!drained) await parts.server.stop(true);
  });
  shutdown.onShutdown("campfire", () => parts.campfire.close());
  if (parts.bus) {
    const bus = parts.bus;
    shutdown.onShutdown("bus", () => bus.close());
  }
  if (parts.redis) {
    const redis = parts.redis;
    shutdown.onShutdown("redis", () => redis.quit());
  }
}
