/**
 * PGlite data directories for tests, without paying for initdb each time. initdb takes 5–12 s
 * and about 900 MB at its peak; copying a 40 MB directory and reopening it takes well under a
 * second. `bun test` runs every file in one process, so each template is built once per run
 * (by the production code path, `openDatabase` on a missing directory) and every caller gets
 * its own copy.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";

export interface PgliteTemplate {
  /** The template directory itself: never open it, copy it. */
  readonly dataDir: string;
  /** Whether `openDatabase` found the directory missing and created it (initdb). */
  readonly createdByOpen: boolean;
}

let scratch: string | undefined;
function scratchDir(): string {
  if (scratch === undefined) {
    const dir = mkdtempSync(join(tmpdir(), "arinova-pglite-templates-"));
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    scratch = dir;
  }
  return scratch;
}

let empty: Promise<PgliteTemplate> | undefined;
let migrated: Promise<PgliteTemplate> | undefined;

/** A data directory straight out of initdb: no schema, no bookkeeping. */
export function emptyTemplate(): Promise<PgliteTemplate> {
  empty ??= (async () => {
    // Nested and missing, as a first start with DATA_DIR=./data/arinova would find it.
    const dataDir = join(scratchDir(), "empty", "data", "arinova");
    const missingBefore = !existsSync(dataDir);
    const handle = await openDatabase({ dataDir });
    await handle.close();
    return { dataDir, createdByOpen: missingBefore && existsSync(join(dataDir, "PG_VERSION")) };
  })();
  return empty;
}

/** A data directory our migrations brought to the original's schema. */
export function migratedTemplate(): Promise<PgliteTemplate> {
  migrated ??= (async () => {
    const dataDir = await copyOf(await emptyTemplate(), "migrated");
    const handle = await openDatabase({ dataDir });
    await migrate(handle.db);
    await handle.close();
    return { dataDir, createdByOpen: false };
  })();
  return migrated;
}

/** A private copy of a template in a new directory; the caller removes it (see `removeDataDir`). */
export async function copyOf(template: PgliteTemplate, label = "copy"): Promise<string> {
  const dir = mkdtempSync(join(scratchDir(), `${label}-`));
  const dataDir = join(dir, "data");
  cpSync(template.dataDir, dataDir, { recursive: true });
  return dataDir;
}

export function removeDataDir(dataDir: string): void {
  rmSync(join(dataDir, ".."), { recursive: true, force: true });
}
