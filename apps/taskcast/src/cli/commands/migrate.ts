/** `taskcast migrate` (config-cli.md §4): applies the PostgreSQL migrations, asking first. */
import { createInterface } from "node:readline/promises";
import { createPostgresClient, migrate, pendingMigrations } from "../../storage/postgres/index.ts";
import { loadConfigFile } from "../config/load.ts";
import { CliError } from "../errors.ts";
import { envValue } from "../start/storage-plan.ts";

type Print = (line: string) => void;

export interface MigrateOptions {
  url?: string;
  config?: string;
  yes?: boolean;
}

/** `host:port/database`, never the credentials. */
export function migrationTarget(url: string): string {
  if (!URL.canParse(url)) return url;
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
}

async function confirm(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await prompt.question(question)).trim().toLowerCase();
    return answer === "" || answer === "y" || answer === "yes";
  } finally {
    prompt.close();
  }
}

export async function runMigrate(options: MigrateOptions, out: Print): Promise<void> {
  const { config } = await loadConfigFile(options.config);
  const url =
    options.url ?? envValue(process.env, "TASKCAST_POSTGRES_URL") ?? config.adapters?.longTermStore?.url;
  if (!url) {
    throw new CliError(
      "No Postgres URL found. Provide --url, set TASKCAST_POSTGRES_URL, or configure adapters.longTermStore.url in config.",
    );
  }
  const target = migrationTarget(url);
  const sql = createPostgresClient({ url, maxConnections: 1 });
  try {
    const pending = await pendingMigrations(sql);
    if (pending.length === 0) {
      out("[taskcast] Database is up to date.");
      return;
    }
    out(`[taskcast] Target: ${target}`);
    out("[taskcast] Pending migrations:");
    for (const migration of pending) out(`  ${migration.file}`);
    if (!options.yes) {
      if (!process.stdin.isTTY)
        throw new CliError("No TTY detected. Re-run with --yes (-y) to skip confirmation.");
      if (!(await confirm(`Apply ${pending.length} migration(s) to ${target}? (Y/n) `))) {
        out("[taskcast] Migration cancelled.");
        return;
      }
    }
    const report = await migrate(sql);
    for (const file of report.applied) out(`  Applied ${file}`);
    out(`[taskcast] Applied ${report.applied.length} migration(s) successfully.`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`Migration failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
