import { monotonicFactory } from "ulid";

/** Produces a new unique id on each call. */
export type IdGenerator = () => string;

/**
 * ULIDs from a monotonic factory: ids made within one millisecond still sort in creation
 * order, which keeps event ids roughly ordered (ordering itself relies on `index`).
 */
export function createUlidGenerator(): IdGenerator {
  const next = monotonicFactory();
  return () => next();
}
