/**
 * The lifecycle worker of one server process (storage.md §6.3), one `tick()` per
 * `ttlSweepIntervalSeconds`: (a) cold tasks past their durable TTL are timed out, which
 * rehydrates them; (b) when release is ready, persisted release requests idle for
 * `hotRetentionIdleSeconds` are retried and, with `hotRetentionEnabled`, terminal hot tasks
 * untouched for `hotRetentionTerminalSeconds` are released. A failing path backs off
 * `min(interval · 2^streak, 300 s)`, streak capped at 6.
 */
import type { EngineContext } from "../engine/context.ts";
import { transitionTask } from "../engine/transitions.ts";
import type { LifecycleContext } from "./context.ts";
import { releaseTask } from "./release.ts";

export interface LifecycleTickReport {
  timedOut: string[];
  released: string[];
}

const MAX_BACKOFF_MS = 300_000;
const MAX_STREAK = 6;

class Backoff {
  private streak = 0;
  private until = 0;

  ready(now: number): boolean {
    return now >= this.until;
  }

  succeeded(): void {
    this.streak = 0;
    this.until = 0;
  }

  failed(now: number, intervalMs: number): void {
    this.streak = Math.min(this.streak + 1, MAX_STREAK);
    this.until = now + Math.min(intervalMs * 2 ** this.streak, MAX_BACKOFF_MS);
  }
}

export class LifecycleWorker {
  private readonly ttlPath = new Backoff();
  private readonly releasePath = new Backoff();

  constructor(
    private readonly ctx: EngineContext,
    private readonly lifecycle: LifecycleContext,
    private readonly intervalMs: number,
  ) {}

  async tick(): Promise<LifecycleTickReport> {
    const report: LifecycleTickReport = { timedOut: [], released: [] };
    const now = this.ctx.clock.now();
    await this.run(this.ttlPath, "ttl", now, () => this.timeOutColdTasks(report));
    await this.run(this.releasePath, "release", now, () => this.releaseDue(report, now));
    this.lifecycle.log("storage_lifecycle_tick", {
      timedOut: report.timedOut.length,
      released: report.released.length,
    });
    return report;
  }

  private async run(backoff: Backoff, path: string, now: number, work: () => Promise<void>): Promise<void> {
    if (!backoff.ready(now)) return;
    try {
      await work();
      backoff.succeeded();
    } catch (error) {
      backoff.failed(now, this.intervalMs);
      this.lifecycle.log("storage_lifecycle_error", {
        path,
        error: error instanceof Error ? error.name : "unknown",
      });
    }
  }

  private async timeOutColdTasks(report: LifecycleTickReport): Promise<void> {
    const due = await this.lifecycle.durable.coldTasksPastDeadline(this.lifecycle.settings.ttlSweepBatchSize);
    for (const taskId of due) {
      const result = await transitionTask(this.ctx, taskId, "timeout", {}, { clearAssignment: true });
      if (result.ok) report.timedOut.push(taskId);
    }
  }

  private async releaseDue(report: LifecycleTickReport, now: number): Promise<void> {
    const { durable, hot, settings } = this.lifecycle;
    if (!(await this.lifecycle.heartbeat.readiness()).releaseReady) return;
    const idleBefore = now - settings.hotRetentionIdleSeconds * 1000;
    for (const { taskId, request } of await durable.pendingReleases(settings.ttlSweepBatchSize)) {
      if (request.inactiveSince > idleBefore) continue;
      const { requestedAt: _, ...input } = request;
      const result = await releaseTask(this.ctx, this.lifecycle, taskId, input);
      if (result.ok && result.value.released) report.released.push(taskId);
    }
    if (!settings.hotRetentionEnabled) return;
    const updatedBefore = now - settings.hotRetentionTerminalSeconds * 1000;
    for (const taskId of await durable.releasableTerminalTasks(updatedBefore, settings.ttlSweepBatchSize)) {
      const lastIndex = await hot.lastIndex(taskId);
      if (lastIndex === null) continue;
      const result = await releaseTask(this.ctx, this.lifecycle, taskId, {
        expectedLastEventIndex: lastIndex,
        inactiveSince: now,
      });
      if (result.ok && result.value.released) report.released.push(taskId);
    }
  }
}
