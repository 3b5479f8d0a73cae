/**
 * Web push to every subscription of a user (runtime.md §5.2): web-push builds the request
 * (aes128gcm payload, VAPID JWT, TTL 4 weeks) and fetch sends it, so any endpoint URL works
 * (web-push's own sender insists on HTTPS). Subscriptions the push service says are gone
 * (404, 410) are deleted; other failures are ignored.
 */
import { and, eq } from "drizzle-orm";
import webPush from "web-push";
import type { Database } from "../db/client.ts";
import { pushSubscriptions } from "../db/schema/index.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export type PushFetch = (url: string, init: RequestInit) => Promise<Response>;

/** Per subscription: accepted by the push service (2xx), or refused / unreachable. */
export interface PushOutcomes {
  sent: number;
  failed: number;
}

export async function sendPushToUser(
  db: Database,
  vapid: VapidKeys,
  userId: string,
  payload: string,
  send: PushFetch = fetch,
): Promise<PushOutcomes> {
  const outcomes: PushOutcomes = { sent: 0, failed: 0 };
  if (vapid.publicKey === "" || vapid.privateKey === "") return outcomes;
  const subscriptions = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.userId, userId));
  await Promise.all(
    subscriptions.map(async (subscription) => {
      try {
        const request = webPush.generateRequestDetails(
          { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
          payload,
          { vapidDetails: vapid },
        );
        const headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, String(v)]));
        const response = await send(request.endpoint, {
          method: request.method,
          headers,
          // web-push hands back a Node Buffer; fetch takes a plain byte array.
          body: request.body ? new Uint8Array(request.body) : null,
        });
        await response.body?.cancel();
        if (response.ok) outcomes.sent++;
        else outcomes.failed++;
        if (response.status === 404 || response.status === 410) {
          await db
            .delete(pushSubscriptions)
            .where(and(eq(pushSubscriptions.id, subscription.id), eq(pushSubscriptions.userId, userId)));
        }
      } catch {
        // A failing push service must not fail the turn; the original ignored these too.
        outcomes.failed++;
      }
    }),
  );
  return outcomes;
}
