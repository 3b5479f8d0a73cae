/** Web-push subscriptions, one per (user, endpoint), kept unique by the app as in the original. */
import { and, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { pushSubscriptions } from "../db/schema/index.ts";
import { ensurePreferences } from "./preferences.ts";

export interface Subscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  deviceInfo?: string;
}

export async function subscribe(db: Database, userId: string, subscription: Subscription): Promise<void> {
  const { endpoint, keys } = subscription;
  const fields = { p256dh: keys.p256dh, auth: keys.auth, deviceInfo: subscription.deviceInfo ?? null };
  await db.transaction(async (tx) => {
    const mine = and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint));
    const [existing] = await tx.select({ id: pushSubscriptions.id }).from(pushSubscriptions).where(mine);
    if (existing !== undefined) {
      await tx.update(pushSubscriptions).set(fields).where(mine);
      return;
    }
    await tx.insert(pushSubscriptions).values({ userId, endpoint, ...fields });
    await ensurePreferences(tx, userId);
  });
}

export async function unsubscribe(db: Database, userId: string, endpoint: string): Promise<void> {
  await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)));
}
