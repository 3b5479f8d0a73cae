/**
 * Whether a push of a type may go to a user now (runtime.md §5.1 step 3): preferences, quiet
 * hours on the server's clock, then the 30 s dedup, which counts even when nothing is sent.
 */
import type { Database } from "../db/client.ts";
import { readPreferences } from "../notifications/preferences.ts";
import type { PushDedup } from "./dedup.ts";

export type PushType = "message" | "playground_invite" | "playground_turn" | "playground_result";

export const DEDUP_WINDOW_MS = 30_000;

const minutesOf = (hhmm: string): number | undefined => {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
};

/** Server-local time, as the original compared it; start == end is never quiet. */
export function inQuietHours(start: string | null, end: string | null, now: Date): boolean {
  if (!start || !end) return false;
  const from = minutesOf(start);
  const to = minutesOf(end);
  if (from === undefined || to === undefined || from === to) return false;
  const current = now.getHours() * 60 + now.getMinutes();
  return from < to ? current >= from && current < to : current >= from || current < to;
}

export async function shouldSendPush(
  db: Database,
  dedup: PushDedup,
  userId: string,
  type: PushType,
  now: Date,
): Promise<boolean> {
  const preferences = await readPreferences(db, userId);
  if (!preferences.globalEnabled) return false;
  const enabled = {
    message: preferences.messageEnabled,
    playground_invite: preferences.playgroundInviteEnabled,
    playground_turn: preferences.playgroundTurnEnabled,
    playground_result: preferences.playgroundResultEnabled,
  }[type];
  if (!enabled) return false;
  if (inQuietHours(preferences.quietHoursStart, preferences.quietHoursEnd, now)) return false;
  return dedup.claim(`${userId}:${type}`, DEDUP_WINDOW_MS);
}
