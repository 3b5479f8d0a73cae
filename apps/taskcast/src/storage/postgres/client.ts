/** The PostgreSQL connection pool, with the original's settings (storage.md §2.3 "Pool"). */
import postgres, { type Sql } from "postgres";

export interface PostgresOptions {
  url: string;
  /** Default `TASKCAST_POSTGRES_MAX_CONNECTIONS`, else 10. */
  maxConnections?: number;
}

function maxFromEnv(): number {
  const raw = process.env.TASKCAST_POSTGRES_MAX_CONNECTIONS;
  if (raw === undefined || raw === "") return 10;
  if (!/^[1-9]\d*$/.test(raw))
    throw new Error(`TASKCAST_POSTGRES_MAX_CONNECTIONS must be a positive integer`);
  return Number(raw);
}

export function createPostgresClient(options: PostgresOptions): Sql {
  return postgres(options.url, {
    max: options.maxConnections ?? maxFromEnv(),
    connect_timeout: 5,
    // `CREATE ... IF NOT EXISTS` on a migrated database reports notices; they are expected.
    onnotice: () => {},
  });
}

/** Start-up and readiness check: `SELECT 1` within the deadline. */
export async function checkPostgres(sql: Sql, timeoutMs = 5_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`PostgreSQL did not answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([sql`SELECT 1`, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
