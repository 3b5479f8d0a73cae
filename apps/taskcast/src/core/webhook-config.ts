/**
 * Webhook subscriptions (config-cli.md §6, api.md §10): a task's `webhooks` entries and the
 * server's own, parsed once into typed values with the original's retry defaults.
 */
import { z } from "zod";
import { LEVELS } from "./types.ts";

export const webhookRetrySchema = z.object({
  retries: z.number().int().nonnegative(),
  backoff: z.enum(["fixed", "exponential", "linear"]),
  initialDelayMs: z.number().nonnegative(),
  maxDelayMs: z.number().nonnegative(),
  timeoutMs: z.number().positive(),
});
export type WebhookRetry = z.output<typeof webhookRetrySchema>;

export const webhookConfigSchema = z.object({
  url: z.string(),
  secret: z.string().optional(),
  filter: z
    .object({
      types: z.array(z.string()).optional(),
      levels: z.array(z.enum(LEVELS)).optional(),
      includeStatus: z.boolean().optional(),
    })
    .optional(),
  wrap: z.boolean().optional(),
  retry: webhookRetrySchema.partial().optional(),
});
export type WebhookSubscription = z.output<typeof webhookConfigSchema>;

/** The original's `WebhookDelivery` defaults. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetry = {
  retries: 3,
  backoff: "exponential",
  initialDelayMs: 1_000,
  maxDelayMs: 30_000,
  timeoutMs: 5_000,
};

/** Defaults, then the server's `webhook.defaultRetry`, then the subscription's own `retry`. */
export function retryOf(
  subscription: WebhookSubscription,
  serverDefault: Partial<WebhookRetry> = {},
): WebhookRetry {
  return { ...DEFAULT_WEBHOOK_RETRY, ...serverDefault, ...subscription.retry };
}

/** A task's `webhooks` as stored; entries that do not parse are skipped (reported by the caller). */
export function taskWebhooks(task: { webhooks?: unknown[] }): {
  valid: WebhookSubscription[];
  invalid: number;
} {
  const valid: WebhookSubscription[] = [];
  let invalid = 0;
  for (const raw of task.webhooks ?? []) {
    const parsed = webhookConfigSchema.safeParse(raw);
    if (parsed.success) valid.push(parsed.data);
    else invalid += 1;
  }
  return { valid, invalid };
}
