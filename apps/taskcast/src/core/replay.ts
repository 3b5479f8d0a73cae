/**
 * The pure half of the per-task SSE algorithm (api.md §6.4 steps 5–8). The server loads the
 * replay with `engine.getHistory(id, {since, limit, seriesFormat: cursor ? "delta" : "accumulated"})`
 * (step 4's collapse), then uses these to number, dedupe and finish the stream.
 */
import { STATUS_EVENT } from "./events.ts";
import { type EventFilter, matchesFilter } from "./filter.ts";
import { isTerminal } from "./state-machine.ts";
import { TASK_STATUSES, type TaskEvent, type TaskStatus, type TerminalStatus } from "./types.ts";

export interface NumberedEvent {
  event: TaskEvent;
  filteredIndex: number;
}

export interface ReplayPlan {
  /** Events to send, in replay order. */
  send: NumberedEvent[];
  /** Where live numbering continues: the count of matching replay events, ignoring `since.index`. */
  nextFilteredIndex: number;
  /** index → id of every replayed event, matching or not, to recognise live duplicates. */
  replayed: Map<number, string>;
  /** -1 when nothing was replayed. */
  highestIndex: number;
}

/** Steps 5–6: number matching events 0, 1, 2...; drop those numbered ≤ `sinceIndex`. */
export function planReplay(
  events: readonly TaskEvent[],
  filter: EventFilter,
  sinceIndex?: number,
): ReplayPlan {
  const send: NumberedEvent[] = [];
  const replayed = new Map<number, string>();
  let highestIndex = -1;
  let filteredIndex = 0;
  for (const event of events) {
    replayed.set(event.index, event.id);
    highestIndex = Math.max(highestIndex, event.index);
    if (!matchesFilter(event, filter)) continue;
    if (sinceIndex === undefined || !(filteredIndex <= sinceIndex)) send.push({ event, filteredIndex });
    filteredIndex += 1;
  }
  return { send, nextFilteredIndex: filteredIndex, replayed, highestIndex };
}

export type BufferedDecision = "send" | "skip" | "conflict";

/**
 * Step 7, for live events that arrived during replay (drain them sorted by index): already
 * replayed → skip, or `conflict` (a different event under the same index: close silently);
 * at or below the highest replayed index → skip; otherwise send if it matches the filter.
 */
export function decideBuffered(event: TaskEvent, plan: ReplayPlan, filter: EventFilter): BufferedDecision {
  const replayedId = plan.replayed.get(event.index);
  if (replayedId !== undefined) return replayedId === event.id ? "skip" : "conflict";
  if (event.index <= plan.highestIndex) return "skip";
  return matchesFilter(event, filter) ? "send" : "skip";
}

/**
 * The status a `taskcast:status` event moved the task into, when terminal: the stream then
 * sends `taskcast.done` even if the event itself was filtered out.
 */
export function terminalStatusOf(event: Pick<TaskEvent, "type" | "data">): TerminalStatus | undefined {
  if (event.type !== STATUS_EVENT || typeof event.data !== "object" || event.data === null) return undefined;
  if (Array.isArray(event.data)) return undefined;
  const status = event.data.status;
  if (typeof status !== "string" || !isTaskStatus(status)) return undefined;
  return isTerminal(status) ? status : undefined;
}

function isTaskStatus(value: string): value is TaskStatus {
  return (TASK_STATUSES as readonly string[]).includes(value);
}
