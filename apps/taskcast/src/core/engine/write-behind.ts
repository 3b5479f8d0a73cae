/**
 * Durable copies are written per task in order, so series rows converge. Behind a durable
 * hot store (SQLite, Redis) they are written after the answer (core.md §3.5) and failures
 * only reach the `onEventDropped` hook; behind the memory store the engine awaits the
 * returned promise before answering, since nothing else would survive a crash.
 * `settle()` waits for everything queued, for tests and graceful shutdown.
 */
import { KeyedSerialQueue } from "./serial-queue.ts";

export class WriteBehind {
  private readonly queue = new KeyedSerialQueue();
  private readonly pending = new Set<Promise<void>>();

  /** Answers the write itself; ignoring it is safe (its failure is already handled). */
  enqueue(taskId: string, write: () => Promise<void>, onFailure: (error: unknown) => void): Promise<void> {
    const written = this.queue.run(taskId, write);
    const done = written.catch((error: unknown) => {
      try {
        onFailure(error);
      } catch {
        // A failing failure hook must not become an unhandled rejection.
      }
    });
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
    return written;
  }

  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
