/** The 9-state lifecycle (core.md §2.1). Terminal states have no exits; same-status moves are invalid. */
import { type TaskStatus, TERMINAL_STATUSES, type TerminalStatus } from "./types.ts";

const ALLOWED: Readonly<Record<TaskStatus, readonly TaskStatus[]>> = {
  pending: ["assigned", "running", "paused", "timeout", "cancelled"],
  assigned: ["pending", "running", "paused", "timeout", "cancelled"],
  running: ["paused", "blocked", "completed", "failed", "timeout", "cancelled"],
  paused: ["assigned", "running", "blocked", "timeout", "cancelled"],
  blocked: ["assigned", "running", "paused", "failed", "timeout", "cancelled"],
  completed: [],
  failed: [],
  timeout: [],
  cancelled: [],
};

export function canTransition(from: TaskStatus, to: TaskStatus): boolean {
  return ALLOWED[from].includes(to);
}

export function allowedTransitions(from: TaskStatus): readonly TaskStatus[] {
  return ALLOWED[from];
}

export function isTerminal(status: TaskStatus): status is TerminalStatus {
  return (TERMINAL_STATUSES as readonly TaskStatus[]).includes(status);
}

/** Paused and blocked tasks wait for someone; they keep `reason` (and blocked keeps its request). */
export function isSuspended(status: TaskStatus): status is "paused" | "blocked" {
  return status === "paused" || status === "blocked";
}
