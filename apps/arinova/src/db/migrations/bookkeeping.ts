/**
 * drizzle's migration bookkeeping table, exactly as drizzle-orm's migrator creates it, so the
 * original server (or drizzle-kit) reads our rows as its own.
 */
import { sql } from "drizzle-orm";
import { bigint, pgSchema, serial, text } from "drizzle-orm/pg-core";

export const drizzleSchema = pgSchema("drizzle");

export const drizzleMigrations = drizzleSchema.table("__drizzle_migrations", {
  id: serial("id").primaryKey(),
  hash: text("hash").notNull(),
  createdAt: bigint("created_at", { mode: "number" }),
});

export const bookkeepingExists = sql`select to_regclass('drizzle.__drizzle_migrations') is not null as "exists"`;

export const createBookkeeping = [
  sql`CREATE SCHEMA IF NOT EXISTS "drizzle"`,
  sql`CREATE TABLE IF NOT EXISTS "drizzle"."__drizzle_migrations" (
    id SERIAL PRIMARY KEY,
    hash text NOT NULL,
    created_at bigint
  )`,
];
