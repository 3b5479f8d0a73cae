/**
 * The shape every benchmark client process shares: read `<url> <count>` from argv, open the
 * connections in batches while reporting progress as JSON lines, print a final
 * {"opened","failed","ready":true}, then stay alive until the parent closes stdin.
 */
export const emit = (obj: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(obj)}\n`);

export function clientArgs(usage: string): { url: string; count: number } {
  const [url, count] = process.argv.slice(2);
  if (!url || !count) throw new Error(`usage: ${usage}`);
  return { url, count: Number(count) };
}

export interface Tally {
  opened: number;
  failed: number;
}

/** `open` resolves either way and records its outcome in the tally. */
export async function openAll(count: number, tally: Tally, open: () => Promise<void>, batch = 200) {
  for (let i = 0; i < count; i += batch) {
    const n = Math.min(batch, count - i);
    await Promise.all(Array.from({ length: n }, open));
  }
  emit({ opened: tally.opened, failed: tally.failed, ready: true });
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}

export function opened(tally: Tally): void {
  tally.opened++;
  if (tally.opened % 500 === 0) emit({ opened: tally.opened });
}
