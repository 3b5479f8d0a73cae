/**
 * `npm start` for Taskcast: the same path as `taskcast start` with no flags, so memory storage
 * on port 3721 unless the environment or a config file says otherwise. TASKCAST_PORT (then
 * PORT) picks the port here, as the repository's start script documents it.
 */
import { CliError } from "./cli/errors.ts";
import { startTaskcast } from "./cli/start/run.ts";

const port = process.env.TASKCAST_PORT || process.env.PORT || undefined;

try {
  const running = await startTaskcast({ port });
  running.shutdown.installSignalHandlers();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof CliError && error.style !== "prefixed" ? message : `[taskcast] ${message}`);
  process.exit(1);
}
