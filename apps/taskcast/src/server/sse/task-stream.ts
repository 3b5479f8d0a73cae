/**
 * The per-task stream (api.md §6.4): subscribe first and buffer, replay history, drain what
 * arrived meanwhile without duplicates, finish if the task is already terminal, then go
 * live. No heartbeat: the original's per-task streams stay silent while idle.
 */
import { type SseStream, sseResponse } from "@rt/realtime";
import type { TaskcastEngine } from "../../core/engine/engine.ts";
import { toEnvelope, toPublicEvent } from "../../core/events.ts";
import { matchesFilter } from "../../core/filter.ts";
import { decideBuffered, planReplay, type ReplayPlan, terminalStatusOf } from "../../core/replay.ts";
import { isTerminal } from "../../core/state-machine.ts";
import type { BroadcastMessage, TaskEvent } from "../../core/types.ts";
import type { SubscriberCounts } from "../subscribers.ts";
import { sendDone, sendEvent, sendLiveEvent, sharedLiveEvent } from "./frames.ts";
import type { TaskStreamQuery } from "./query.ts";

export interface TaskStreamDeps {
  engine: TaskcastEngine;
  subscribers: SubscriberCounts;
}

const MAX_GAPS = 1_024;

export function taskStreamResponse(
  deps: TaskStreamDeps,
  taskId: string,
  query: TaskStreamQuery,
  signal: AbortSignal,
): Response {
  return sseResponse({
    signal,
    start: async (stream) => {
      try {
        await new TaskStream(deps, taskId, query, stream).run();
      } catch {
        // A failing store ends the stream without a done frame, as in the original.
        stream.close();
      }
    },
  });
}

class TaskStream {
  private live = false;
  private readonly buffered: BroadcastMessage[] = [];
  /** Highest raw index already sent or passed over. */
  private highest = -1;
  /**
   * Indexes skipped over by a live jump. Instances publish through Redis independently, so a
   * lower index can arrive after a higher one; it is still new if it falls in a gap, and a
   * duplicate otherwise. Bounded: a gap that never fills (a lost message) cannot grow memory.
   */
  private readonly gaps = new Set<number>();
  private nextFilteredIndex = 0;
  private readonly accumulatedFormat: boolean;

  constructor(
    private readonly deps: TaskStreamDeps,
    private readonly taskId: string,
    private readonly query: TaskStreamQuery,
    private readonly stream: SseStream,
  ) {
    this.accumulatedFormat = query.seriesFormat === "accumulated";
  }

  async run(): Promise<void> {
    const { engine, subscribers } = this.deps;
    this.stream.onClose(subscribers.open(this.taskId));
    const unsubscribe = await engine.subscribe(this.taskId, (message) => {
      if (this.live) this.deliver(message);
      else this.buffered.push(message);
    });
    // Runs at once when the client already left while we subscribed.
    this.stream.onClose(() => void unsubscribe());
    if (this.stream.closed) return;

    const history = await engine.getHistory(this.taskId, {
      since: this.query.storageSince,
      limit: this.query.limit,
      // Step 4: a first connection sees each accumulate series as one snapshot.
      seriesFormat: this.query.hasCursor ? "delta" : "accumulated",
    });
    if (!history.ok) return this.stream.close();
    const plan = planReplay(history.value, this.query.filter, this.query.sinceIndex);
    for (const { event, filteredIndex } of plan.send) this.send(event, filteredIndex);
    this.nextFilteredIndex = plan.nextFilteredIndex;
    this.highest = plan.highestIndex;

    if (!this.drain(plan)) return;
    const task = await engine.getTask(this.taskId);
    // Events that raced the re-read come before any terminal status, so they go out first.
    if (!this.drain(plan)) return;
    if (task && isTerminal(task.status)) return sendDone(this.stream, task.status);
    this.live = true;
  }

  /** Step 7; false when the stream ended (done, conflict or client gone). */
  private drain(plan: ReplayPlan): boolean {
    const pending = this.buffered.splice(0).sort((a, b) => a.index - b.index);
    for (const message of pending) {
      if (this.stream.closed) return false;
      if (decideBuffered(toPublicEvent(message), plan, this.query.filter) === "conflict") {
        this.stream.close();
        return false;
      }
      this.deliver(message);
    }
    return !this.stream.closed;
  }

  private deliver(message: BroadcastMessage): void {
    if (this.stream.closed) return;
    if (message.index > this.highest) {
      for (let index = this.highest + 1; index < message.index && this.gaps.size < MAX_GAPS; index++) {
        if (this.live) this.gaps.add(index);
      }
      this.highest = message.index;
    } else if (!this.gaps.delete(message.index)) {
      return;
    }
    const event = sharedLiveEvent(message, this.query.seriesFormat);
    if (matchesFilter(event, this.query.filter)) {
      const accumulated = this.accumulatedFormat && message.seriesMode === "accumulate";
      sendLiveEvent(this.stream, message, event, this.nextFilteredIndex++, this.query.wrap, accumulated);
    }
    // A terminal status ends the stream even when the filter hid the event itself.
    const terminal = terminalStatusOf(event);
    if (terminal) sendDone(this.stream, terminal);
  }

  private send(event: TaskEvent, filteredIndex: number): void {
    sendEvent(this.stream, this.query.wrap ? toEnvelope(event, filteredIndex) : event, event.id);
  }
}
