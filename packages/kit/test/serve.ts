import type { Hono } from "hono";
import type { KitEnv } from "../src/index.ts";

/** Serves an app on a free port the way production does: `fetch(req, server)`. */
export function serve<E extends KitEnv>(app: Hono<E>): { url: string; stop: () => Promise<void> } {
  const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: (req, srv) => app.fetch(req, srv) });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
