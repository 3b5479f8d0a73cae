/**
 * `npm start` for Arinova: migrates the database (PGlite in ./data/arinova unless DATABASE_URL
 * is set), serves on PORT (default 3501) and shuts down gracefully on SIGINT/SIGTERM.
 */
import { createLogger, createShutdown } from "@rt/kit";
import { createArinova } from "./app.ts";
import { loadArinovaConfig } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { registerShutdown } from "./shutdown.ts";

const config = loadArinovaConfig();
const logger = createLogger({ fields: { app: "arinova" } });
const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
const { applied } = await migrate(database.db);
if (applied.length > 0) logger.info("migrated", { applied });

const arinova = await createArinova(config, { logger, database });
const server = Bun.serve({
  port: config.port,
  hostname: "0.0.0.0",
  fetch: arinova.fetch,
  websocket: arinova.websocket,
  idleTimeout: 120,
});
console.log(
  `[arinova] listening on http://localhost:${server.port} (${database.kind === "pglite" ? `PGlite in ${config.dataDir}` : "PostgreSQL"})`,
);

const shutdown = createShutdown({ logger, deadlineMs: 10_000 });
registerShutdown(shutdown, { server, arinova, database });
shutdown.installSignalHandlers();
