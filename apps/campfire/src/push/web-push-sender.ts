import { type Fetch, guardedFetch, type Resolver } from "@rt/kit";
import webPush from "web-push";
import type { Db } from "../db/database.ts";
import type { Message } from "../models/message.ts";
import type { PushNotifier } from "../models/push-port.ts";
import type { PushSubscriptionRow } from "../models/push-subscriptions.ts";
import type { Room } from "../models/room.ts";
import { notificationFor } from "./payload.ts";
import { pushRecipients, unreadRoomCount } from "./recipients.ts";
import type { VapidKeys } from "./vapid.ts";

export interface PushOptions {
  vapid: VapidKeys;
  // Push endpoints come from browsers (anyone signed in can register one), so loopback and private
  // addresses are refused unless allowed (tests run a local push service).
  allowPrivate: boolean;
  // How endpoint hosts are resolved for the check; the system resolver by default.
  resolve?: Resolver;
  // Sends each request once guardedFetch has pinned it to a checked address; fetch by default.
  fetch?: Fetch;
}

const PUSH_TIMEOUT_MS = 10_000;

// Web Push delivery: web-push encrypts the payload (aes128gcm) and signs the VAPID JWT, @rt/kit's
// guardedFetch sends it to an address it checked (web-push's own sender insists on HTTPS). Expired
// subscriptions (404, 410) are deleted.
// Deliveries run after the request that posted the message, tracked so shutdown can wait.
export class WebPushSender implements PushNotifier {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly options: PushOptions,
  ) {}

  messagePosted(room: Room, message: Message): void {
    for (const subscription of pushRecipients(room, message)) {
      const payload = notificationFor(room, message, unreadRoomCount(room, subscription.user_id));
      const delivery = this.send(subscription, JSON.stringify(payload))
        .catch((error) => console.error("[campfire] push:", error instanceof Error ? error.message : error))
        .finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  async send(subscription: PushSubscriptionRow, payload: string): Promise<void> {
    const request = webPush.generateRequestDetails(
      {
        endpoint: subscription.endpoint,
        keys: { p256dh: subscription.p256dh_key, auth: subscription.auth_key },
      },
      payload,
      { vapidDetails: this.options.vapid, TTL: 4 * 7 * 24 * 60 * 60 },
    );
    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [name, String(value)]),
    );
    // The original sends pushes with high urgency so phones deliver them at once.
    headers.Urgency = "high";
    const response = await guardedFetch(
      request.endpoint,
      {
        method: request.method,
        headers,
        // web-push hands back a Node Buffer; fetch takes a plain byte array.
        body: request.body ? new Uint8Array(request.body) : null,
        signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
      },
      { allowPrivate: this.options.allowPrivate, resolve: this.options.resolve, fetch: this.options.fetch },
    );
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 404 || response.status === 410) {
      this.db.run("DELETE FROM push_subscriptions WHERE id = ?", [subscription.id]);
    }
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
