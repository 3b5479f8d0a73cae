/** The two frames Taskcast streams send (api.md §6.3). */
import { type PreparedSseFrame, prepareSseFrame, type SseStream } from "@rt/realtime";
import { liveEvent, toEnvelope } from "../../core/events.ts";
import type { BroadcastMessage, SSEEnvelope, TaskEvent, TerminalStatus } from "../../core/types.ts";

export const EVENT_FRAME = "taskcast.event";
export const DONE_FRAME = "taskcast.done";

export function sendEvent(stream: SseStream, payload: SSEEnvelope | TaskEvent, eventId: string): void {
  stream.send({ event: EVENT_FRAME, data: JSON.stringify(payload), id: eventId });
}

/**
 * Every live subscriber of a task receives the same broadcast message object, and most of them
 * send byte-identical frames (same event, same numbering). So the public view of a message and
 * its last few formatted frames are kept with the message itself (weakly, so they go when it
 * does) instead of being rebuilt per subscriber.
 */
interface LiveViews {
  delta?: TaskEvent;
  accumulated?: TaskEvent;
  frames: Array<{ filteredIndex: number; wrap: boolean; accumulated: boolean; frame: PreparedSseFrame }>;
}
const liveViews = new WeakMap<BroadcastMessage, LiveViews>();
const FRAMES_PER_MESSAGE = 4;

/**
 * The views of the message being fanned out right now: its subscribers are called one after
 * another with it, so all but the first find it here without a WeakMap lookup.
 */
let current: { message: BroadcastMessage; views: LiveViews } | undefined;

function viewsOf(message: BroadcastMessage): LiveViews {
  if (current?.message === message) return current.views;
  let views = liveViews.get(message);
  if (!views) {
    views = { frames: [] };
    liveViews.set(message, views);
  }
  current = { message, views };
  return views;
}

/** `liveEvent`, computed once per message and format. */
export function sharedLiveEvent(message: BroadcastMessage, format: "delta" | "accumulated"): TaskEvent {
  const views = viewsOf(message);
  const cached = format === "accumulated" ? views.accumulated : views.delta;
  if (cached) return cached;
  const event = liveEvent(message, format);
  if (format === "accumulated") views.accumulated = event;
  else views.delta = event;
  return event;
}

export function sendLiveEvent(
  stream: SseStream,
  message: BroadcastMessage,
  event: TaskEvent,
  filteredIndex: number,
  wrap: boolean,
  accumulated: boolean,
): void {
  const { frames } = viewsOf(message);
  // Most subscribers send what the one before them sent: search from the newest frame.
  let cached = frames.findLast(
    (f) => f.filteredIndex === filteredIndex && f.wrap === wrap && f.accumulated === accumulated,
  );
  if (!cached) {
    const data = JSON.stringify(wrap ? toEnvelope(event, filteredIndex) : event);
    cached = {
      filteredIndex,
      wrap,
      accumulated,
      frame: prepareSseFrame({ event: EVENT_FRAME, data, id: event.id }),
    };
    if (frames.length >= FRAMES_PER_MESSAGE) frames.shift();
    frames.push(cached);
  }
  stream.send(cached.frame);
}

/** The done frame has no id line; the stream ends after it. */
export function sendDone(stream: SseStream, reason: TerminalStatus): void {
  stream.send({ event: DONE_FRAME, data: JSON.stringify({ reason }) });
  stream.close();
}
