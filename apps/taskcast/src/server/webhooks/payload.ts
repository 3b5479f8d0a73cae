/**
 * What one webhook request carries (api.md §10): the raw TaskEvent as JSON, or, when the
 * subscription asks for `wrap: true`, the SSE envelope. The original ignored `wrap` and always
 * sent the raw event, so raw stays the default. The signature covers the exact body bytes.
 */
import { toEnvelope } from "../../core/events.ts";
import type { TaskEvent } from "../../core/types.ts";

export const SIGNATURE_HEADER = "X-Taskcast-Signature";

export function webhookBody(event: TaskEvent, wrap: boolean | undefined, filteredIndex: number): string {
  return JSON.stringify(wrap === true ? toEnvelope(event, filteredIndex) : event);
}

/** `X-Taskcast-Timestamp` is the send time in unix seconds, not the event's timestamp. */
export function webhookHeaders(event: TaskEvent, now: number): Record<string, string> {
  return {
    "X-Taskcast-Event": event.type,
    "X-Taskcast-Timestamp": String(Math.floor(now / 1000)),
  };
}
