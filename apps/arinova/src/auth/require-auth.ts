/**
 * The original's requireAuth (rest.md §1.2): a valid session cookie or 401
 * `{"error":"Unauthorized"}`. Only the cookie counts; there is no Bearer token for REST.
 */
import { AppError } from "@rt/kit";
import type { MiddlewareHandler } from "hono";
import type { ArinovaEnv } from "../http/env.ts";
import type { SessionFromHeaders } from "./session.ts";

export function requireAuth(sessionFromHeaders: SessionFromHeaders): MiddlewareHandler<ArinovaEnv> {
  return async (c, next) => {
    const found = await sessionFromHeaders(c.req.raw.headers);
    if (found === null) throw new AppError("unauthorized", "Unauthorized");
    c.set("user", found.user);
    await next();
  };
}
