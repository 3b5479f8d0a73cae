/** PostgreSQL: the durable store of the `memory`/`redis` + PostgreSQL modes (storage.md §1). */
export { checkPostgres, createPostgresClient, type PostgresOptions } from "./client.ts";
export { PostgresLifecycleStore } from "./lifecycle.ts";
export { PostgresLongTermStore } from "./long-term.ts";
export { descriptionOf, MIGRATIONS, type Migration } from "./migrations.ts";
export { type MigrationReport, migrate, migrationLockId, pendingMigrations } from "./migrator.ts";
export { StorageIntegrityError } from "./series.ts";
