import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

// A banned person's addresses may still read, but nothing they send changes anything (security.md §4).
export const blockBannedRequests: MiddlewareHandler<AppEnv> = async (c, next) => {
  const ip = c.env.remoteIp;
  if (c.req.method === "GET" || c.req.method === "HEAD" || ip === null) return next();
  const banned = c.var.services.db.query("SELECT 1 FROM bans WHERE ip_address = ? LIMIT 1").get(ip) !== null;
  return banned ? c.body(null, 429) : next();
};
