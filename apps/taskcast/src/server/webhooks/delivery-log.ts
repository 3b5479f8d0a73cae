/**
 * The last webhook deliveries of this process, newest last, bounded so a busy server or a dead
 * receiver cannot grow memory. Served by `GET /tasks/:taskId/webhooks/deliveries`.
 */
import type { WebhookAttempt } from "@rt/kit";

export interface DeliveryRecord {
  taskId: string;
  eventId: string;
  eventType: string;
  url: string;
  /** `delivered`, `failed` (every attempt used or a non-retryable answer) or `dropped` (queue full). */
  outcome: "delivered" | "failed" | "dropped";
  status?: number;
  error?: string;
  attempts: WebhookAttempt[];
  /** When the outcome was known (ISO 8601). */
  at: string;
}

export const DEFAULT_DELIVERY_LOG_SIZE = 1_000;

export class DeliveryLog {
  private readonly records: DeliveryRecord[] = [];

  constructor(private readonly capacity = DEFAULT_DELIVERY_LOG_SIZE) {}

  add(record: DeliveryRecord): void {
    this.records.push(record);
    if (this.records.length > this.capacity) this.records.splice(0, this.records.length - this.capacity);
  }

  forTask(taskId: string): DeliveryRecord[] {
    return this.records.filter((record) => record.taskId === taskId);
  }

  all(): DeliveryRecord[] {
    return [...this.records];
  }
}
