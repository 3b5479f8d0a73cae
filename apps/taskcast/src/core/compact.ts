/**
 * Drops keys whose value is `undefined`, so stored and broadcast objects look exactly like
 * their JSON (the contract omits absent optional fields instead of sending `null`).
 */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  // for-in rather than Object.entries: this runs once per event per subscriber on live streams.
  for (const key in value) {
    const item = value[key];
    if (item !== undefined) out[key] = item;
  }
  return out as T;
}
