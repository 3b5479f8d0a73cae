/**
 * The contract's response bodies for these routes (rest.md §1.1, §1.3), built here so the
 * routes answer exactly whatever error mapper the host app installs: JSON as
 * `application/json; charset=utf-8`; errors a handler chose are `{"error"}`, errors the
 * original's multipart plugin raised also carry `"code":"INTERNAL_ERROR"`.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { routeNotFound } from "../http/errors.ts";
import { sendJson } from "../http/json.ts";

/** The app's JSON reply, under the name these routes use. */
export const json = sendJson;

export const handlerError = (c: Context, status: ContentfulStatusCode, message: string): Response =>
  json(c, { error: message }, status);

export const multipartError = (c: Context, status: ContentfulStatusCode, message: string): Response =>
  json(c, { error: message, code: "INTERNAL_ERROR" }, status);

export const notMultipart = (c: Context): Response => multipartError(c, 406, "the request is not multipart");

export const fileTooLarge = (c: Context): Response => multipartError(c, 413, "request file too large");

/** The framework's own 404, which the original's static plugin fell back to for a missing file. */
export { routeNotFound };
