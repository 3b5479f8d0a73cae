import { toDbTime } from "../db/time.ts";
import { CONNECTION_TTL_MS } from "../models/membership.ts";
import type { Message } from "../models/message.ts";
import type { PushSubscriptionRow } from "../models/push-subscriptions.ts";
import type { Room } from "../models/room.ts";
import { STATUSES } from "../models/user.ts";

// Room::MessagePusher's audience (features.md §13): members who are not looking at the room (no
// presence within 60 s), never the author, never invisible or nothing; `everything` always,
// `mentions` only when mentioned. One push per subscribed browser.
export function pushRecipients(room: Room, message: Message): PushSubscriptionRow[] {
  const mentioned = message.mentioneeIds;
  const connectedSince = toDbTime(new Date(Date.now() - CONNECTION_TTL_MS));
  const placeholders = mentioned.map(() => "?").join(", ") || "NULL";
  return room.db
    .query<PushSubscriptionRow, (string | number)[]>(
      `SELECT push_subscriptions.* FROM push_subscriptions
       JOIN memberships ON memberships.user_id = push_subscriptions.user_id AND memberships.room_id = ?
       JOIN users ON users.id = memberships.user_id AND users.status = ?
       WHERE memberships.user_id != ?
         AND (memberships.connected_at IS NULL OR memberships.connected_at < ?)
         AND (memberships.involvement = 'everything'
              OR (memberships.involvement = 'mentions' AND memberships.user_id IN (${placeholders})))
       ORDER BY push_subscriptions.id`,
    )
    .all(room.id, STATUSES.active, message.creatorId, connectedSince, ...mentioned);
}

// How many rooms are unread for a person: the number on their app icon.
export function unreadRoomCount(room: Room, userId: number): number {
  return room.db
    .query<{ n: number }, [number]>(
      "SELECT COUNT(*) AS n FROM memberships WHERE user_id = ? AND unread_at IS NOT NULL AND involvement != 'invisible'",
    )
    .get(userId)!.n;
}
