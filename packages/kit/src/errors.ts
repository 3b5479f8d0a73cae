/**
 * Domain errors are values with a kind. Routes throw them; each app renders them in its own
 * contract's shape through one ErrorMapper, so no route builds an error response by hand.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export type ErrorKind =
  | "not_found"
  | "bad_request"
  | "unauthorized"
  | "forbidden"
  | "conflict"
  | "too_large"
  | "rate_limited"
  | "unavailable"
  | "internal";

export const statusOfKind: Readonly<Record<ErrorKind, ContentfulStatusCode>> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

const reasonOfKind: Readonly<Record<ErrorKind, string>> = {
  bad_request: "Bad Request",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  not_found: "Not Found",
  conflict: "Conflict",
  too_large: "Payload Too Large",
  rate_limited: "Too Many Requests",
  internal: "Internal Server Error",
  unavailable: "Service Unavailable",
};

export interface AppErrorOptions {
  details?: unknown;
  /** Protocol headers the response must carry whatever the app's error shape (Retry-After...). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly details: unknown;
  readonly headers: Readonly<Record<string, string>>;

  constructor(kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.kind = kind;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }

  get status(): ContentfulStatusCode {
    return statusOfKind[this.kind];
  }
}

/** Renders an AppError in the app's contract shape. Called for every error, unknown ones included. */
export type ErrorMapper = (error: AppError, c: Context) => Response | Promise<Response>;

/** `{ "error": message }` with the kind's status: the shape used when an app has no contract of its own. */
export const defaultErrorMapper: ErrorMapper = (error, c) => c.json({ error: error.message }, error.status);

const kindOfStatus = (status: number): ErrorKind => {
  for (const [kind, s] of Object.entries(statusOfKind) as [ErrorKind, number][]) {
    if (s === status) return kind;
  }
  return status >= 500 ? "internal" : "bad_request";
};

/**
 * Turns anything thrown into an AppError. Unknown errors become `internal` with a generic
 * message, so stack traces and driver messages never reach a client.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof HTTPException) {
    const kind = kindOfStatus(error.status);
    return new AppError(kind, error.message || reasonOfKind[kind], { cause: error });
  }
  // Request.json() (and so c.req.json()) rejects with a SyntaxError on a malformed body; handlers
  // that parse other JSON should catch their own errors, or this reports them as a client fault.
  if (error instanceof SyntaxError) {
    return new AppError("bad_request", "Malformed JSON body", { cause: error });
  }
  return new AppError("internal", reasonOfKind.internal, { cause: error });
}
