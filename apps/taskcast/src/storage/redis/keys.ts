/**
 * The original's Redis key space (storage.md §3.1). Every key and channel starts with the
 * prefix, so our servers and the original's can share one Redis and read each other's tasks.
 */

/** Option → `TASKCAST_REDIS_PREFIX` → `taskcast` (an empty variable counts as unset). */
export function resolveRedisPrefix(prefix?: string): string {
  const fromEnv = process.env.TASKCAST_REDIS_PREFIX;
  return prefix ?? (fromEnv !== undefined && fromEnv !== "" ? fromEnv : "taskcast");
}

export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** `JSON.stringify(task)`; its exact bytes are the task's revision. */
  task(taskId: string): string {
    return `${this.prefix}:task:${taskId}`;
  }
  /** Bare status text. */
  taskStatus(taskId: string): string {
    return `${this.prefix}:taskStatus:${taskId}`;
  }
  /** Set of hot task ids. */
  tasks(): string {
    return `${this.prefix}:tasks`;
  }
  /** List of event JSON, in commit order. */
  events(taskId: string): string {
    return `${this.prefix}:events:${taskId}`;
  }
  /** The next index to allocate (a count). */
  index(taskId: string): string {
    return `${this.prefix}:idx:${taskId}`;
  }
  writeFence(taskId: string): string {
    return `${this.prefix}:writeFence:${taskId}`;
  }
  /** `{"firstIndex","lastIndex"}` written by the original's fenced commits; only ever deleted here. */
  hotWindow(taskId: string): string {
    return `${this.prefix}:hotWindow:${taskId}`;
  }
  /** Hash: seriesId → latest (latest mode) or accumulated (accumulate mode) event JSON. */
  seriesState(taskId: string): string {
    return `${this.prefix}:seriesState:${taskId}`;
  }
  /** Hash: seriesId → the exact JSON of the series' latest-mode entry in the event list. */
  seriesListEntries(taskId: string): string {
    return `${this.prefix}:seriesListEntries:${taskId}`;
  }
  /** Pre-1.6 series-latest, read for compatibility and deleted once the hash has it. */
  legacySeries(taskId: string, seriesId: string): string {
    return `${this.prefix}:series:${taskId}:${seriesId}`;
  }
  legacySeriesIds(taskId: string): string {
    return `${this.prefix}:seriesIds:${taskId}`;
  }
  /** The hot storage lease of a task (release, rehydration), with a PX expiry. */
  storageLock(taskId: string): string {
    return `${this.prefix}:storageLock:${taskId}`;
  }
  /** One server's writer registration, with a PX expiry (storage.md §6.4). */
  storageWriter(instanceId: string): string {
    return `${this.prefix}:storageWriter:${instanceId}`;
  }
  /** Set of registered writer ids; pruned when their registration expired. */
  storageWriters(): string {
    return `${this.prefix}:storageWriters`;
  }
  /** Pub/sub channel of a task: the same string as its task key, in pub/sub's own namespace. */
  channel(taskId: string): string {
    return this.task(taskId);
  }
}
