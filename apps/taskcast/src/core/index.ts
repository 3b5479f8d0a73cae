/** The public face of the Taskcast core, for the server, the CLI and storage adapters. */
export { type Clock, ManualClock, systemClock } from "./clock.ts";
export { type EngineOptions, TaskcastEngine } from "./engine/engine.ts";
export type { HistoryOptions } from "./engine/history.ts";
export type { CreatedListener, EngineHooks, TransitionListener } from "./engine/hooks.ts";
export {
  DEFAULT_TICK_MS,
  type IntervalTimer,
  MIN_TICK_MS,
  startScheduler,
  type TickReport,
} from "./engine/scheduler.ts";
export * from "./errors.ts";
export * from "./events.ts";
export * from "./filter.ts";
export { applyHistoryQuery } from "./history.ts";
export { createUlidGenerator, type IdGenerator } from "./ids.ts";
export * from "./replay.ts";
export * from "./schemas.ts";
export * from "./series.ts";
export * from "./state-machine.ts";
export { filterTasks, matchesTaskFilter } from "./task-filter.ts";
export * from "./transition.ts";
export { nextDeadline } from "./ttl.ts";
export * from "./types.ts";
