/**
 * Open SSE streams on this process. Per-task counts are what `GET /tasks/:id` reports (api.md
 * §0: `hot`/`subscriberCount` are per-process counts, not shared across instances and
 * unrelated to hot/cold storage); the total, global streams included, is the metrics gauge.
 */
export class SubscriberCounts {
  private readonly counts = new Map<string, number>();
  private globalStreams = 0;
  private taskStreams = 0;

  /** Counts one per-task stream in; the returned function counts it out (idempotent). */
  open(taskId: string): () => void {
    this.counts.set(taskId, this.count(taskId) + 1);
    this.taskStreams++;
    return once(() => {
      this.taskStreams--;
      const left = this.count(taskId) - 1;
      if (left > 0) this.counts.set(taskId, left);
      else this.counts.delete(taskId);
    });
  }

  /** Counts one global `/events` stream in; the returned function counts it out (idempotent). */
  openGlobal(): () => void {
    this.globalStreams++;
    return once(() => {
      this.globalStreams--;
    });
  }

  count(taskId: string): number {
    return this.counts.get(taskId) ?? 0;
  }

  get total(): number {
    return this.taskStreams + this.globalStreams;
  }
}

function once(close: () => void): () => void {
  let closed = false;
  return () => {
    if (closed) return;
    closed = true;
    close();
  };
}
