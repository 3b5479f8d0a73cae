/**
 * The migration contract on the embedded engine. Fresh databases are copies of one directory
 * initdb made (support/pglite-templates.ts): initdb is the slow part and behaves the same
 * every time, so it runs once per test process, through `openDatabase` on a missing directory.
 */
import { describe, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { openDatabase } from "../../src/db/client.ts";
import { migrate } from "../../src/db/migrate.ts";
import { copyOf, emptyTemplate, removeDataDir } from "../support/pglite-templates.ts";
import { diffCatalog } from "./catalog.ts";
import { describeMigrationContract } from "./migration-contract.ts";
import { servePglite, type WireServer } from "./pglite-wire.ts";
import type { Target } from "./target.ts";

const SLOW = 120_000;

async function freshPglite(): Promise<Target> {
  const dataDir = await copyOf(await emptyTemplate());
  const handle = await openDatabase({ dataDir });
  if (handle.kind !== "pglite") throw new Error("expected PGlite without a URL");
  let wire: WireServer | undefined;
  return {
    handle,
    catalogUrl: async () => {
      wire ??= await servePglite(handle.client);
      return wire.url;
    },
    dispose: async () => {
      await wire?.stop();
      await handle.close();
      removeDataDir(dataDir);
    },
  };
}

describeMigrationContract("PGlite", freshPglite);

describe("PGlite data directory", () => {
  test(
    "is created (nested directories too) when missing, and a reopened one is already migrated",
    async () => {
      const template = await emptyTemplate();
      expect(template.createdByOpen).toBe(true);
      expect(existsSync(join(template.dataDir, "PG_VERSION"))).toBe(true);

      const dataDir = await copyOf(template);
      try {
        const first = await openDatabase({ dataDir });
        expect(first.kind).toBe("pglite");
        expect(await migrate(first.db)).toEqual({ applied: ["0000_original_schema"] });
        await first.close();

        const again = await openDatabase({ dataDir });
        try {
          expect(await migrate(again.db)).toEqual({ applied: [] });
          if (again.kind !== "pglite") throw new Error("expected PGlite");
          const wire = await servePglite(again.client);
          try {
            expect((await diffCatalog(wire.url)).exitCode).toBe(0);
          } finally {
            await wire.stop();
          }
        } finally {
          await again.close();
        }
      } finally {
        removeDataDir(dataDir);
      }
    },
    SLOW,
  );
});
