/** A memory-backed engine with a manual clock, for engine tests. */
import { ManualClock } from "../../src/core/clock.ts";
import { type EngineOptions, TaskcastEngine } from "../../src/core/engine/engine.ts";
import type { Result } from "../../src/core/errors.ts";
import type { BroadcastMessage, Task, TaskStatus } from "../../src/core/types.ts";
import {
  MemoryBroadcast,
  MemoryLongTermStore,
  MemoryShortTermStore,
} from "../../src/storage/memory/index.ts";

export function setup(options: Partial<EngineOptions> & { durable?: boolean } = {}) {
  const clock = new ManualClock();
  const shortTerm = options.shortTerm ?? new MemoryShortTermStore();
  const broadcast = options.broadcast ?? new MemoryBroadcast();
  const longTerm = options.longTerm ?? (options.durable ? new MemoryLongTermStore() : undefined);
  const engine = new TaskcastEngine({ clock, ...options, shortTerm, broadcast, longTerm });
  return { engine, clock, shortTerm, broadcast, longTerm };
}

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

/** The shortest way to reach each status from `pending`. */
export const PATH_TO: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  pending: [],
  assigned: ["assigned"],
  running: ["running"],
  paused: ["paused"],
  blocked: ["running", "blocked"],
  completed: ["running", "completed"],
  failed: ["running", "failed"],
  timeout: ["timeout"],
  cancelled: ["cancelled"],
};

export async function taskIn(engine: TaskcastEngine, status: TaskStatus, id?: string): Promise<Task> {
  let task = unwrap(await engine.createTask(id === undefined ? {} : { id }));
  for (const step of PATH_TO[status]) task = unwrap(await engine.transition(task.id, step));
  return task;
}

export async function collect(engine: TaskcastEngine, taskId: string): Promise<BroadcastMessage[]> {
  const received: BroadcastMessage[] = [];
  await engine.subscribe(taskId, (message) => received.push(message));
  return received;
}
