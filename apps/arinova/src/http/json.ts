/**
 * JSON responses as the original's framework sends them: `application/json; charset=utf-8`.
 * Dates serialize through Date#toJSON, which gives the contract's ISO form with milliseconds
 * and `Z`.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

export function sendJson(c: Context, value: unknown, status: ContentfulStatusCode = 200): Response {
  return c.body(JSON.stringify(value), status, { "content-type": JSON_CONTENT_TYPE });
}

export function noContent(c: Context): Response {
  return c.body(null, 204);
}
