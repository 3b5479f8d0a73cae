/**
 * Runs the shared pg-catalog tool (unchanged, as a subprocess) against a database URL and diffs
 * its catalog with the Arinova fixture: the same check a human runs by hand.
 */
import { resolve } from "node:path";

const repoRoot = resolve(import.meta.dir, "../../../..");
const sharedRoot = resolve(repoRoot, "../shared");
export const catalogTool = resolve(sharedRoot, "tools/pg-catalog.ts");
export const catalogFixture = resolve(sharedRoot, "fixtures/arinova/schema-catalog.json");

export interface CatalogDiff {
  /** 0 identical, 1 different, 2 usage or connection error (the tool's own codes). */
  readonly exitCode: number;
  readonly output: string;
}

export async function diffCatalog(url: string): Promise<CatalogDiff> {
  const child = Bun.spawn([process.execPath, catalogTool, url, "--diff", catalogFixture], {
    // The tool resolves the `postgres` package from its working directory.
    cwd: repoRoot,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await Promise.all([
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
    child.exited,
  ]);
  return { exitCode, output: `${stdout}${stderr}`.trim() };
}
