import type { Message } from "../models/message.ts";
import { deliverToBot, type WebhookOptions } from "./webhook.ts";
import { webhookTargetsFor } from "./webhook-targets.ts";

// Bot::WebhookJob, in process: deliveries run after the response is sent, never holding up the
// person who posted. Pending ones are tracked so shutdown (and tests) can wait for them.
export class BotWebhooks {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly options: WebhookOptions) {}

  // Called for messages created through the messages endpoints (web and bot API) only: edits,
  // boosts and the bots' own webhook replies never trigger webhooks.
  dispatch(message: Message): void {
    for (const { bot, url } of webhookTargetsFor(message)) {
      const delivery = deliverToBot(message, bot, url, this.options)
        .catch((error) => console.error(`[campfire] webhook to bot ${bot.id}:`, error))
        .finally(() => this.pending.delete(delivery));
      this.pending.add(delivery);
    }
  }

  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
