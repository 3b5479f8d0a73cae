/** Delays between retries, and a sleep that a shutdown can interrupt. */

export type BackoffKind = "fixed" | "exponential" | "linear";

export interface BackoffPolicy {
  backoff: BackoffKind;
  initialDelayMs: number;
  maxDelayMs: number;
  /**
   * Spread retries so many failed deliveries don't come back in lockstep. `true` picks a delay
   * between half and all of the computed one, keeping a floor so a retry is never immediate.
   */
  jitter?: boolean;
}

/** The delay before retry number `retry` (1 for the first retry). */
export function backoffDelay(
  policy: BackoffPolicy,
  retry: number,
  random: () => number = Math.random,
): number {
  const base =
    policy.backoff === "fixed"
      ? policy.initialDelayMs
      : policy.backoff === "linear"
        ? policy.initialDelayMs * retry
        : policy.initialDelayMs * 2 ** (retry - 1);
  const capped = Math.min(base, policy.maxDelayMs);
  return Math.round(policy.jitter ? capped / 2 + (random() * capped) / 2 : capped);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
