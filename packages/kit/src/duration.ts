/** Durations as people write them in configuration: `250ms`, `5s`, `1.5m`, `2h`, `1d`, or bare milliseconds. */

const unitMs = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const pattern = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/;

/** Milliseconds, or undefined when `text` is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = pattern.exec(text.trim().toLowerCase());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = (match[2] ?? "ms") as keyof typeof unitMs;
  return Math.round(amount * unitMs[unit]);
}
