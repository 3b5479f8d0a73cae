/**
 * Settings for the embedded PGlite. It is one session in one process, so buffers sized for a
 * shared server are turned down: PostgreSQL touches all of shared_buffers at start-up, and the
 * 128 MB default alone costs about 120 MB of RSS (measured: 283 MB → 167 MB reopening a data
 * directory; 8 MB would save 10 MB more at the price of a much smaller page cache).
 */
import { PGlite, type PGliteOptions } from "@electric-sql/pglite";

const settings: Readonly<Record<string, string>> = {
  // Stored timestamps are UTC wall time; `now()` defaults must produce UTC too.
  TimeZone: "UTC",
  shared_buffers: "16MB",
};

export function pgliteOptions(): PGliteOptions {
  return {
    startParams: [
      ...PGlite.defaultStartParams,
      ...Object.entries(settings).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    // A trial database: skipping the fsync after each query is worth the small risk of losing
    // the last writes on a crash.
    relaxedDurability: true,
  };
}
