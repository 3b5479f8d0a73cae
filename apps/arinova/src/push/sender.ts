/**
 * Web push to every subscription of a user (runtime.md §5.2): web-push builds the request
 * (aes128gcm payload, VAPID JWT, TTL 4 weeks) and @rt/kit's guardedFetch sends it, so any
 * endpoint URL works (web-push's own sender insists on HTTPS). The endpoint is whatever a browser
 * (or anyone signed in) registered, so unless private addresses are allowed, endpoints on
 * loopback, private ranges or metadata services are refused, and the request goes to the address
 * that was checked; redirects are not followed. Subscriptions the push service says are gone
 * (404, 410) are deleted; other failures are ignored.
 */
import { type Fetch, guardedFetch, type Resolver } from "@rt/kit";
import { and, eq } from "drizzle-orm";
import webPush from "web-push";
import type { Database } from "../db/client.ts";
import { pushSubscriptions } from "../db/schema/index.ts";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export type PushFetch = Fetch;

/** How push requests leave the server. */
export interface PushTransport {
  /** Allow loopback and private endpoints (tests with a local push service, private deployments). */
  allowPrivate?: boolean;
  /** How endpoint hosts are resolved for the check; the system resolver by default. */
  resolve?: Resolver;
  /** Sends each request once it is pinned to a checked address; fetch by default. */
  fetch?: PushFetch;
}

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
  transport: PushTransport = {},
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
        const response = await guardedFetch(
          request.endpoint,
          {
            method: request.method,
            headers,
            // web-push hands back a Node Buffer; fetch takes a plain byte array.
            body: request.body ? new Uint8Array(request.body) : null,
          },
          transport,
        );
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
