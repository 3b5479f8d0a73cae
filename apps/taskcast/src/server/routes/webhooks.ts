/**
 * `GET /tasks/:taskId/webhooks/deliveries` (ours; the original delivered no webhooks): the
 * outcome of this process's recent deliveries for the task, oldest first.
 */
import type { Hono } from "hono";
import { requireScope } from "../auth/scopes.ts";
import type { TaskcastEnv } from "../env.ts";
import type { DeliveryLog } from "../webhooks/delivery-log.ts";

export function webhookRoutes(app: Hono<TaskcastEnv>, deliveries: DeliveryLog): void {
  app.get("/tasks/:taskId/webhooks/deliveries", (c) => {
    const taskId = c.req.param("taskId");
    requireScope(c.get("auth"), "task:manage", taskId);
    return c.json({ deliveries: deliveries.forTask(taskId) });
  });
}
