/**
 * TTL is an execution deadline in seconds (core.md §6). These are the durable-TTL clock
 * rules, kept pure so any store (memory map, PostgreSQL column) applies the same ones:
 *   - no deadline while paused or terminal, or without a ttl;
 *   - armed (now + ttl) when there was none, when leaving paused, or when a ttl is given;
 *   - otherwise the running deadline is kept.
 */
import { isTerminal } from "./state-machine.ts";
import type { Task } from "./types.ts";

export function nextDeadline(
  previous: Task | undefined,
  next: Task,
  currentDeadline: number | undefined,
  ttlGiven: boolean,
  now: number,
): number | undefined {
  if (next.ttl === undefined || next.status === "paused" || isTerminal(next.status)) return undefined;
  const rearm = currentDeadline === undefined || previous?.status === "paused" || ttlGiven;
  return rearm ? now + next.ttl * 1000 : currentDeadline;
}

/** Deadlines by task id, kept by the engine of the process that last moved the task. */
export class TtlDeadlines {
  private readonly deadlines = new Map<string, number>();

  update(previous: Task | undefined, next: Task, ttlGiven: boolean, now: number): void {
    const deadline = nextDeadline(previous, next, this.deadlines.get(next.id), ttlGiven, now);
    if (deadline === undefined) this.deadlines.delete(next.id);
    else this.deadlines.set(next.id, deadline);
  }

  /**
   * Takes over a task whose deadline no process here holds (armed by another instance, or
   * before a restart). `updatedAt + ttl` is never earlier than the real deadline, since every
   * re-arm happens at a write, so the holder, if still alive, always fires first.
   */
  adopt(task: Task): void {
    if (this.deadlines.has(task.id) || task.ttl === undefined) return;
    if (task.status === "paused" || isTerminal(task.status)) return;
    this.deadlines.set(task.id, task.updatedAt + task.ttl * 1000);
  }

  get(taskId: string): number | undefined {
    return this.deadlines.get(taskId);
  }

  clear(taskId: string): void {
    this.deadlines.delete(taskId);
  }

  /** Task ids whose deadline is at or before `now`, earliest first. */
  due(now: number): string[] {
    return [...this.deadlines.entries()]
      .filter(([, deadline]) => deadline <= now)
      .sort((a, b) => a[1] - b[1])
      .map(([taskId]) => taskId);
  }
}
