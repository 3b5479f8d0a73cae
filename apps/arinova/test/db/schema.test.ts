/**
 * The Drizzle schema must describe the same database as the migration SQL: drizzle-kit turns
 * the TypeScript schema into DDL, which, applied to an empty PGlite with the original's
 * bookkeeping rows, must give exactly the fixture's catalog. (Column order is not compared:
 * the TypeScript keys follow the API's JSON order, the SQL the physical order.)
 */
import { expect, test } from "bun:test";
import { generateDrizzleJson, generateMigration } from "drizzle-kit/api";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.ts";
import { createBookkeeping, drizzleMigrations } from "../../src/db/migrations/bookkeeping.ts";
import { originalHistory } from "../../src/db/migrations/original-history.ts";
import * as schema from "../../src/db/schema/index.ts";
import { copyOf, emptyTemplate, removeDataDir } from "../support/pglite-templates.ts";
import { diffCatalog } from "./catalog.ts";
import { servePglite } from "./pglite-wire.ts";

test("the Drizzle schema builds exactly the original's catalog", async () => {
  const empty = generateDrizzleJson({});
  const statements = await generateMigration(empty, generateDrizzleJson(schema, empty.id));
  const dataDir = await copyOf(await emptyTemplate());
  const handle = await openDatabase({ dataDir });
  if (handle.kind !== "pglite") throw new Error("expected PGlite without a URL");
  const wire = await servePglite(handle.client);
  try {
    await handle.db.transaction(async (tx) => {
      for (const statement of statements) await tx.execute(sql.raw(statement));
      for (const statement of createBookkeeping) await tx.execute(statement);
      await tx
        .insert(drizzleMigrations)
        .values(originalHistory.map(({ hash, createdAt }) => ({ hash, createdAt })));
    });
    const diff = await diffCatalog(wire.url);
    expect(diff.output).toBe("catalogs are identical");
    expect(diff.exitCode).toBe(0);
  } finally {
    await wire.stop();
    await handle.close();
    removeDataDir(dataDir);
  }
}, 120_000);
