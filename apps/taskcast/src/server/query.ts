/** Query-string parsing shared by the list, history and stream routes (api.md §5, §6.2). */

/** A comma list with empty items dropped: `a,,b` → `[a, b]`, `` → `[]`. */
export function commaList(value: string): string[] {
  return value.split(",").filter((item) => item !== "");
}

/** `parseInt`, kept only when finite and > 0, as the original reads `limit`. */
export function positiveLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const limit = Number.parseInt(value, 10);
  return Number.isFinite(limit) && limit > 0 ? limit : undefined;
}
