/**
 * The original's error bodies (rest.md §1.3), rendered in one place.
 *
 * - errors a handler chooses: `{"error": message}`;
 * - errors its framework raised before the handler (body parsing, limits): the same plus
 *   `"code":"INTERNAL_ERROR"`, which is what its custom handler added to every 4xx;
 * - request bodies failing validation: 400 in the shape of its framework's validation error
 *   (the original answered 500 here; see COMPATIBILITY.md);
 * - anything unexpected: 500 `{"error":"Internal server error","code":"INTERNAL_ERROR"}`.
 */
import { AppError, type ErrorKind, type ErrorMapper } from "@rt/kit";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { sendJson } from "./json.ts";

export const RATE_LIMIT_MESSAGE = "Too many requests. Please try again later.";

interface BodyExtras {
  code: string;
  details?: string;
  /** For the statuses the kit has no kind for (415). */
  status?: ContentfulStatusCode;
}

const isBodyExtras = (value: unknown): value is BodyExtras =>
  typeof value === "object" && value !== null && typeof Reflect.get(value, "code") === "string";

/** An error the original's framework raised before any handler ran. */
export const frameworkError = (kind: ErrorKind, message: string): AppError =>
  new AppError(kind, message, { details: { code: "INTERNAL_ERROR" } satisfies BodyExtras });

export const unsupportedMediaType = (contentType: string): AppError =>
  new AppError("bad_request", `Unsupported Media Type: ${contentType}`, {
    details: { code: "INTERNAL_ERROR", status: 415 } satisfies BodyExtras,
  });

export const validationError = (details: string): AppError =>
  new AppError("bad_request", "Validation error", {
    details: { code: "VALIDATION_ERROR", details } satisfies BodyExtras,
  });

export const arinovaErrorMapper: ErrorMapper = (error, c) => {
  if (error.kind === "internal") {
    return sendJson(c, { error: "Internal server error", code: "INTERNAL_ERROR" }, 500);
  }
  if (error.kind === "rate_limited")
    return sendJson(c, { error: RATE_LIMIT_MESSAGE, code: "RATE_LIMIT" }, 429);
  if (!isBodyExtras(error.details)) return sendJson(c, { error: error.message }, error.status);
  const { status, ...extras } = error.details;
  return sendJson(c, { error: error.message, ...extras }, status ?? error.status);
};

/** Fastify's own 404 for an unknown route; its message quotes the method and the raw URL. */
export function routeNotFound(c: Context): Response {
  const url = new URL(c.req.url);
  return sendJson(
    c,
    {
      message: `Route ${c.req.method}:${url.pathname}${url.search} not found`,
      error: "Not Found",
      statusCode: 404,
    },
    404,
  );
}
