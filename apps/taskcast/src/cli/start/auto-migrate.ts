/** `TASKCAST_AUTO_MIGRATE` (config-cli.md §3.3 step 5): stderr lines as the original prints them. */
import type { Sql } from "postgres";
import { migrate } from "../../storage/postgres/index.ts";
import { CliError } from "../errors.ts";
import { withoutCredentials } from "./storage-plan.ts";

export async function autoMigrate(
  postgres: Sql | undefined,
  postgresUrl: string | undefined,
  err: (line: string) => void,
): Promise<void> {
  if (!postgres || !postgresUrl) {
    err("[taskcast] TASKCAST_AUTO_MIGRATE is set but no Postgres configured — skipping");
    return;
  }
  err(
    `[taskcast] TASKCAST_AUTO_MIGRATE enabled — running Postgres migrations on ${withoutCredentials(postgresUrl)}`,
  );
  try {
    const report = await migrate(postgres);
    if (report.applied.length === 0) {
      err(`[taskcast] Database schema up to date (${report.alreadyApplied} migration(s) already applied)`);
    } else {
      err(`[taskcast] Applied ${report.applied.length} new migration(s): ${report.applied.join(", ")}`);
    }
  } catch (error) {
    throw new CliError(`Auto-migration failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
