import type { Database } from "bun:sqlite";
import { migrations } from "./migrations.ts";

// Same bookkeeping table as Rails (`schema_migrations`), so a database already migrated by the original
// application is recognised as up to date instead of being re-created.
export function migrate(db: Database): void {
  db.run('CREATE TABLE IF NOT EXISTS "schema_migrations" ("version" varchar NOT NULL PRIMARY KEY)');
  const applied = new Set(
    db
      .query<{ version: string }, []>("SELECT version FROM schema_migrations")
      .all()
      .map((row) => row.version),
  );
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.run(migration.sql);
      db.run("INSERT INTO schema_migrations (version) VALUES (?)", [migration.version]);
    }).immediate();
  }
}
