/**
 * Delivers committed events to webhooks (config-cli.md §6): the server's own subscriptions
 * and each task's `webhooks`. The process that commits an event delivers it, so several
 * instances never send the same event twice. Deliveries to one subscription of one task go
 * out one after another, in index order; a receiver that falls too far behind loses the
 * newer events (logged as `dropped`) rather than growing memory.
 */
import { deliverWebhook, type Fetch, type Logger, type RetryPolicy } from "@rt/kit";
import type { TaskcastEngine } from "../../core/engine/engine.ts";
import { STATUS_EVENT } from "../../core/events.ts";
import { matchesFilter } from "../../core/filter.ts";
import { type TaskEvent, TERMINAL_STATUSES } from "../../core/types.ts";
import {
  retryOf,
  taskWebhooks,
  type WebhookRetry,
  type WebhookSubscription,
} from "../../core/webhook-config.ts";
import type { DeliveryLog } from "./delivery-log.ts";
import { SIGNATURE_HEADER, webhookBody, webhookHeaders } from "./payload.ts";

export interface WebhookOptions {
  /** Subscriptions applied to every task of this server. */
  subscriptions?: readonly WebhookSubscription[];
  /** `webhook.defaultRetry`: between the original's defaults and a subscription's own `retry`. */
  defaultRetry?: Partial<WebhookRetry>;
  /** Allow loopback and private targets; off by default so task creators cannot probe our network. */
  allowPrivate?: boolean;
  /** Deliveries waiting per task and subscription before the oldest are dropped. */
  maxQueued?: number;
  fetch?: Fetch;
}

interface Target {
  key: string;
  subscription: WebhookSubscription;
}

interface Queue {
  tail: Promise<void>;
  waiting: number;
  /** Events sent so far, for the envelope's `filteredIndex`. */
  sent: number;
}

const DEFAULT_MAX_QUEUED = 1_000;
/** Task lookups kept; a task's `webhooks` never change after creation, so they can be cached. */
const TASK_CACHE_SIZE = 10_000;

export class WebhookDispatcher {
  private readonly targets = new Map<string, Promise<Target[]>>();
  private readonly queues = new Map<string, Queue>();
  /** Events whose task lookup has not reached the queues yet. */
  private readonly routing = new Set<Promise<void>>();
  private readonly closing = new AbortController();
  private readonly stopListening: () => void;

  constructor(
    private readonly engine: TaskcastEngine,
    private readonly log: DeliveryLog,
    private readonly logger: Logger,
    private readonly options: WebhookOptions = {},
  ) {
    this.stopListening = engine.onEvent((event) => this.dispatch(event));
  }

  /** Waits until every queued delivery has finished (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.routing.size > 0 || this.queues.size > 0) {
      await Promise.all([...this.routing, ...[...this.queues.values()].map((queue) => queue.tail)]);
    }
  }

  /** Stops taking events and abandons waiting retries. */
  async close(): Promise<void> {
    this.stopListening();
    this.closing.abort();
    await this.settle();
  }

  private dispatch(event: TaskEvent): void {
    const lookup = this.targetsOf(event.taskId);
    // Chained on the task's lookup, so events keep their commit order into the queues.
    const next = lookup.then((targets) => {
      for (const target of targets) {
        if (matchesFilter(event, target.subscription.filter ?? {})) this.enqueue(event, target);
      }
    });
    this.targets.set(
      event.taskId,
      next.then(() => lookup),
    );
    if (isFinal(event)) void next.then(() => this.targets.delete(event.taskId));
  }

  private targetsOf(taskId: string): Promise<Target[]> {
    const cached = this.targets.get(taskId);
    if (cached) return cached;
    if (this.targets.size >= TASK_CACHE_SIZE) {
      const oldest = this.targets.keys().next().value;
      if (oldest !== undefined) this.targets.delete(oldest);
    }
    const lookup = this.load(taskId);
    this.targets.set(taskId, lookup);
    return lookup;
  }

  private async load(taskId: string): Promise<Target[]> {
    const server = (this.options.subscriptions ?? []).map((subscription, i) => ({
      key: `${taskId}\u0000server:${i}`,
      subscription,
    }));
    const task = await this.engine.getTask(taskId).catch((error: unknown) => {
      this.logger.error("webhook task lookup failed", { taskId, error });
      return null;
    });
    const { valid, invalid } = taskWebhooks(task ?? {});
    if (invalid > 0) this.logger.warn("task webhooks skipped: invalid configuration", { taskId, invalid });
    return [
      ...server,
      ...valid.map((subscription, i) => ({ key: `${taskId}\u0000task:${i}`, subscription })),
    ];
  }

  private enqueue(event: TaskEvent, target: Target): void {
    let queue = this.queues.get(target.key);
    if (!queue) {
      queue = { tail: Promise.resolve(), waiting: 0, sent: 0 };
      this.queues.set(target.key, queue);
    }
    if (queue.waiting >= (this.options.maxQueued ?? DEFAULT_MAX_QUEUED)) {
      this.record(event, target, { outcome: "dropped", error: "delivery queue full", attempts: [] });
      return;
    }
    const current = queue;
    current.waiting += 1;
    current.tail = current.tail.then(async () => {
      await this.deliver(event, target, current.sent);
      current.sent += 1;
      current.waiting -= 1;
      if (current.waiting === 0 && this.queues.get(target.key) === current) this.queues.delete(target.key);
    });
  }

  private async deliver(event: TaskEvent, target: Target, filteredIndex: number): Promise<void> {
    const { subscription } = target;
    const retry = retryOf(subscription, this.options.defaultRetry);
    try {
      const result = await deliverWebhook({
        url: subscription.url,
        body: webhookBody(event, subscription.wrap, filteredIndex),
        secret: subscription.secret,
        signatureHeader: SIGNATURE_HEADER,
        headers: webhookHeaders(event, Date.now()),
        retry: policyOf(retry),
        allowPrivate: this.options.allowPrivate === true,
        fetch: this.options.fetch,
        signal: this.closing.signal,
      });
      this.record(event, target, {
        outcome: result.ok ? "delivered" : "failed",
        status: result.status,
        error: result.error,
        attempts: result.attempts,
      });
      if (!result.ok) {
        this.logger.warn("webhook delivery failed", {
          taskId: event.taskId,
          url: subscription.url,
          error: result.error,
        });
      }
    } catch (error) {
      this.logger.error("webhook delivery crashed", { taskId: event.taskId, error });
    }
  }

  private record(
    event: TaskEvent,
    target: Target,
    outcome: Pick<Parameters<DeliveryLog["add"]>[0], "outcome" | "status" | "error" | "attempts">,
  ): void {
    this.log.add({
      taskId: event.taskId,
      eventId: event.id,
      eventType: event.type,
      url: target.subscription.url,
      ...outcome,
      at: new Date().toISOString(),
    });
  }
}

/**
 * The original caps only exponential delays (`min(initial·2^(k−1), max)`); fixed and linear
 * grow unbounded, so the cap is lifted for them. No jitter: the original had none.
 */
function policyOf(retry: WebhookRetry): RetryPolicy {
  return {
    retries: retry.retries,
    timeoutMs: retry.timeoutMs,
    backoff: retry.backoff,
    initialDelayMs: retry.initialDelayMs,
    maxDelayMs: retry.backoff === "exponential" ? retry.maxDelayMs : Number.MAX_SAFE_INTEGER,
  };
}

/** Nothing follows a terminal status event, so the task's lookup can be forgotten. */
function isFinal(event: TaskEvent): boolean {
  if (event.type !== STATUS_EVENT) return false;
  const data = event.data;
  const status = typeof data === "object" && data !== null && !Array.isArray(data) ? data.status : undefined;
  return typeof status === "string" && (TERMINAL_STATUSES as readonly string[]).includes(status);
}
