/**
 * The migration contract, run against every engine: an empty database ends up with exactly the
 * original's catalog and bookkeeping; a database the original migrated is left untouched; a
 * half-migrated one is refused; timestamps are UTC whatever the process's time zone.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { eq, sql } from "drizzle-orm";
import { migrate, splitStatements } from "../../src/db/migrate.ts";
import { drizzleMigrations } from "../../src/db/migrations/bookkeeping.ts";
import { migrations } from "../../src/db/migrations/journal.ts";
import { originalHistory } from "../../src/db/migrations/original-history.ts";
import { user, verification } from "../../src/db/schema/index.ts";
import { diffCatalog } from "./catalog.ts";
import { fingerprint, queryRows, type Target } from "./target.ts";

const SLOW = 120_000;

export function describeMigrationContract(engine: string, freshTarget: () => Promise<Target>): void {
  describe(`migrations on ${engine}`, () => {
    const targets: Target[] = [];
    const fresh = async (): Promise<Target> => {
      const target = await freshTarget();
      targets.push(target);
      return target;
    };
    afterAll(async () => {
      for (const target of targets) await target.dispose();
    }, SLOW);

    test(
      "an empty database gets exactly the original's catalog and bookkeeping, once",
      async () => {
        const target = await fresh();
        const { db } = target.handle;
        expect(await migrate(db)).toEqual({ applied: ["0000_original_schema"] });

        const rows = await db.select().from(drizzleMigrations).orderBy(drizzleMigrations.id);
        expect(rows).toEqual(
          originalHistory.map(({ hash, createdAt }, i) => ({ id: i + 1, hash, createdAt })),
        );
        const first = await diffCatalog(await target.catalogUrl());
        expect(first.output).toBe("catalogs are identical");
        expect(first.exitCode).toBe(0);

        const before = await fingerprint(target.handle);
        expect(await migrate(db)).toEqual({ applied: [] });
        expect(await fingerprint(target.handle)).toBe(before);
        expect((await diffCatalog(await target.catalogUrl())).exitCode).toBe(0);
      },
      SLOW,
    );

    test(
      "a database the original migrated is left untouched",
      async () => {
        const target = await fresh();
        await migrateLikeTheOriginal(target);
        const before = await fingerprint(target.handle);
        expect(await migrate(target.handle.db)).toEqual({ applied: [] });
        expect(await fingerprint(target.handle)).toBe(before);
      },
      SLOW,
    );

    test(
      "a database part-way through the original's migrations is refused and left as it was",
      async () => {
        const target = await fresh();
        const { db } = target.handle;
        await db.execute(sql`create schema drizzle`);
        await db.execute(
          sql`create table drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
        );
        await db
          .insert(drizzleMigrations)
          .values(originalHistory.slice(0, 5).map(({ hash, createdAt }) => ({ hash, createdAt })));
        const before = await fingerprint(target.handle);
        await expect(migrate(db)).rejects.toMatchObject({ kind: "partially_applied" });
        expect(await fingerprint(target.handle)).toBe(before);
      },
      SLOW,
    );

    test(
      "timestamps are stored and read as UTC whatever the process's time zone",
      async () => {
        const target = await fresh();
        const { db } = target.handle;
        await migrate(db);
        const zone = process.env.TZ;
        process.env.TZ = "America/Los_Angeles";
        try {
          // Makes sure the zone change took effect, or the test would prove nothing.
          expect(new Date("2026-01-15T00:00:00Z").getTimezoneOffset()).toBe(480);
          const [row] = await db
            .insert(user)
            .values({ id: "tzUser0000000000000000000000000a", name: "TZ", email: "tz@example.com" })
            .returning();
          expect(Math.abs((row?.createdAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);

          const expiresAt = new Date("2026-02-20T12:34:56.789Z");
          await db
            .insert(verification)
            .values({ id: "tzVerification", identifier: "state", value: "{}", expiresAt });
          const [stored] = await db.select().from(verification).where(eq(verification.id, "tzVerification"));
          expect(stored?.expiresAt.toISOString()).toBe("2026-02-20T12:34:56.789Z");

          const [raw] = await queryRows(
            target.handle,
            `select expires_at::text as wall, current_setting('TimeZone') as zone,
                    abs(extract(epoch from (created_at - (now() at time zone 'UTC')))) < 60 as default_is_utc
               from verification where id = 'tzVerification'`,
          );
          expect(raw).toEqual({ wall: "2026-02-20 12:34:56.789", zone: "UTC", default_is_utc: true });
        } finally {
          if (zone === undefined) delete process.env.TZ;
          else process.env.TZ = zone;
        }
      },
      SLOW,
    );
  });
}

/** What the original's drizzle migrator leaves behind: its schema and its 15 rows, one insert each. */
async function migrateLikeTheOriginal(target: Target): Promise<void> {
  const { db } = target.handle;
  await db.execute(sql`create schema if not exists "drizzle"`);
  await db.execute(
    sql`create table if not exists "drizzle"."__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
  );
  for (const migration of migrations) {
    for (const statement of splitStatements(migration.sql)) await db.execute(sql.raw(statement));
  }
  for (const { hash, createdAt } of originalHistory) {
    await db.execute(
      sql`insert into "drizzle"."__drizzle_migrations" ("hash", "created_at") values (${hash}, ${createdAt})`,
    );
  }
}
