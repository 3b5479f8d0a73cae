/**
 * The `taskcast` command line (config-cli.md §4). Each command's work lives in its own file;
 * this one only declares commands and options, and turns failures into stderr and exit 1.
 */
import { Command } from "commander";
import { COMPATIBLE_VERSION } from "../server/info.ts";
import { doctor, ping } from "./commands/client.ts";
import { runMigrate } from "./commands/migrate.ts";
import { addNode, listNodes, removeNode, useNode } from "./commands/node.ts";
import { logs, tail } from "./commands/stream.ts";
import { CliError } from "./errors.ts";
import { type StartFlags, startTaskcast } from "./start/run.ts";

const out = (line: string) => console.log(line);

/** Runs a command body; prints its failure the way the original does, then exits 1. */
function action<A extends unknown[]>(body: (...args: A) => Promise<void> | void) {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const style = error instanceof CliError ? error.style : "prefixed";
      if (style === "prefixed") console.error(`[taskcast] ${message}`);
      else if (style === "plain") console.error(message);
      process.exit(1);
    }
  };
}

async function start(flags: StartFlags): Promise<void> {
  const running = await startTaskcast(flags);
  // Exit 0 once every step ran, 1 if one failed or the deadline passed; a second signal exits at once.
  running.shutdown.installSignalHandlers();
}

export function createProgram(): Command {
  const program = new Command("taskcast").version(COMPATIBLE_VERSION, "-V, --version");

  program
    .command("start", { isDefault: true })
    .description("Start the Taskcast server in the foreground")
    .option("-c, --config <path>", "config file path")
    .option("-p, --port <port>", "port to listen on (default: config port, else 3721)")
    .option("-s, --storage <mode>", "storage: memory | redis | sqlite")
    .option("--db-path <path>", "SQLite file (default: ./taskcast.db)")
    .option("--playground", "serve the playground UI (not bundled here)")
    .option("-v, --verbose", "log one line per request")
    .action(action(start));

  program
    .command("migrate")
    .description("Run pending PostgreSQL migrations")
    .option("--url <url>", "PostgreSQL URL (beats TASKCAST_POSTGRES_URL and the config)")
    .option("-c, --config <path>", "config file path")
    .option("-y, --yes", "skip the confirmation prompt")
    .action(action((options: { url?: string; config?: string; yes?: boolean }) => runMigrate(options, out)));

  program
    .command("ping")
    .description("Check that a Taskcast server answers")
    .option("--node <name>", "named node (default: current node)")
    .action(action((options: { node?: string }) => ping(options.node, out)));

  program
    .command("doctor")
    .description("Check a Taskcast server's auth and storage")
    .option("--node <name>", "named node (default: current node)")
    .action(action((options: { node?: string }) => doctor(options.node, out)));

  program
    .command("logs <taskId>")
    .description("Stream one task's events until it is done")
    .option("--types <types>", "event types (comma-separated, wildcards allowed)")
    .option("--levels <levels>", "levels (comma-separated)")
    .option("--node <name>", "named node (default: current node)")
    .action(
      action((taskId: string, options: { types?: string; levels?: string; node?: string }) =>
        logs(taskId, options, out),
      ),
    );

  program
    .command("tail")
    .description("Stream the events of tasks created from now on")
    .option("--types <types>", "event types (comma-separated, wildcards allowed)")
    .option("--levels <levels>", "levels (comma-separated)")
    .option("--node <name>", "named node (default: current node)")
    .action(action((options: { types?: string; levels?: string; node?: string }) => tail(options, out)));

  const node = program.command("node").description("Manage named Taskcast servers");
  node
    .command("add <name>")
    .requiredOption("--url <url>", "server URL")
    .option("--token <token>", "token sent to the server")
    .option("--token-type <type>", "jwt | admin", "jwt")
    .action(
      action((name: string, options: { url: string; token?: string; tokenType: string }) => {
        if (options.tokenType !== "jwt" && options.tokenType !== "admin") {
          throw new CliError(`invalid --token-type "${options.tokenType}"; expected jwt or admin`);
        }
        addNode(name, { url: options.url, token: options.token, tokenType: options.tokenType }, out);
      }),
    );
  node.command("remove <name>").action(action((name: string) => removeNode(name, out)));
  node.command("use <name>").action(action((name: string) => useNode(name, out)));
  node.command("list").action(action(() => listNodes(out)));

  return program;
}
