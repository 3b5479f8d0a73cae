/**
 * Server under test for taskcast-throughput: Taskcast as `taskcast start` builds it in memory
 * mode (TTL sweeps every 5 s, webhooks dispatcher on), plus the bench control routes.
 */
import { createLogger } from "@rt/kit";
import { buildServer } from "../../apps/taskcast/src/server/build.ts";
import { createMemoryAdapters } from "../../apps/taskcast/src/storage/memory/index.ts";
import { control } from "./control.ts";

const taskcast = buildServer({
  storage: createMemoryAdapters(),
  ttl: "timeout",
  tickMs: 5_000,
  logger: createLogger({ level: "error" }),
});
let streams = 0;

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  idleTimeout: 0,
  async fetch(req) {
    const url = new URL(req.url);
    if (url.pathname.startsWith("/__")) return control(url, { connections: () => streams });
    const response = await taskcast.fetch(req);
    if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
      streams += 1;
      req.signal.addEventListener("abort", () => {
        streams -= 1;
      });
    }
    return response;
  },
});

console.log(JSON.stringify({ port: server.port }));

// Exit normally on SIGTERM so runtime flags such as --cpu-prof can write their output.
process.on("SIGTERM", () => process.exit(0));
