/**
 * Redis connections with the original's managed-mode settings (storage.md §3.3): commands fail
 * fast while Redis is down instead of queueing, and reconnects back off with equal jitter.
 */
import Redis, { type RedisOptions } from "ioredis";

/** `cap = min(5000, 500·2^attempt)`, delay uniformly in [cap/2, cap]. */
export function reconnectDelayMs(attempt: number): number {
  const cap = Math.min(5_000, 500 * 2 ** attempt);
  return cap / 2 + (Math.random() * cap) / 2;
}

const managed: RedisOptions = {
  lazyConnect: true,
  retryStrategy: (times) => reconnectDelayMs(times - 1),
};

/** The command connection: no offline queue, no per-command retries. */
export function createCommandClient(url: string, name = "taskcast-command"): Redis {
  return new Redis(url, {
    ...managed,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectionName: name,
  });
}

/**
 * The subscriber connection keeps ioredis' queue and re-subscription, so a SUBSCRIBE issued
 * during a reconnect is sent once Redis is back and every channel is restored after it.
 */
export function createSubscriberClient(url: string, name = "taskcast-subscriber"): Redis {
  return new Redis(url, { ...managed, autoResubscribe: true, connectionName: name });
}

/** Connects and answers PING within the deadline (15 s at start-up, 2 s for readiness). */
export async function connectAndPing(client: Redis, timeoutMs = 15_000): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Redis did not answer PING within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    await Promise.race([
      (async () => {
        if (client.status === "wait") await client.connect();
        await client.ping();
      })(),
      deadline,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
