import { toDbTime } from "../db/time.ts";
import type { User } from "./user.ts";

export interface PushSubscriptionRow {
  id: number;
  user_id: number;
  endpoint: string;
  p256dh_key: string;
  auth_key: string;
  user_agent: string | null;
}

export interface NewPushSubscription {
  endpoint: string;
  p256dhKey: string;
  authKey: string;
  userAgent: string | null;
}

// A person's browsers registered for Web Push (features.md §13).
export const pushSubscriptions = {
  // Registering the same browser again only touches it.
  subscribe(user: User, subscription: NewPushSubscription): void {
    const now = toDbTime(new Date());
    const touched = user.db.run(
      `UPDATE push_subscriptions SET updated_at = ?1, user_agent = ?2
       WHERE user_id = ?3 AND endpoint = ?4 AND p256dh_key = ?5 AND auth_key = ?6`,
      [
        now,
        subscription.userAgent,
        user.id,
        subscription.endpoint,
        subscription.p256dhKey,
        subscription.authKey,
      ],
    );
    if (touched.changes > 0) return;
    user.db.run(
      `INSERT INTO push_subscriptions (user_id, endpoint, p256dh_key, auth_key, user_agent, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        user.id,
        subscription.endpoint,
        subscription.p256dhKey,
        subscription.authKey,
        subscription.userAgent,
        now,
        now,
      ],
    );
  },

  of(user: User): PushSubscriptionRow[] {
    return user.db
      .query<PushSubscriptionRow, [number]>("SELECT * FROM push_subscriptions WHERE user_id = ? ORDER BY id")
      .all(user.id);
  },

  // Signing out of a browser forgets that browser's subscription, never anyone else's.
  forget(user: User, endpoint: string): void {
    user.db.run("DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?", [user.id, endpoint]);
  },

  remove(user: User, id: number): boolean {
    return (
      user.db.run("DELETE FROM push_subscriptions WHERE user_id = ? AND id = ?", [user.id, id]).changes > 0
    );
  },
};
