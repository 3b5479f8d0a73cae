/**
 * The one place HTTP errors take the contract's shapes (api.md §0, §3.4). Routes throw;
 * this mapper renders. Business errors are `{"error": message}`; a few answers of the
 * original are plain text (unknown routes, malformed JSON, uncaught errors), and those are
 * kept byte for byte because clients and tests compare them.
 */
import { AppError, type ErrorKind, type ErrorMapper } from "@rt/kit";
import type { Context } from "hono";
import { HTTP_STATUS_BY_KIND, isStorageErrorKind, type Result, type TaskcastError } from "../core/errors.ts";
import { validatorBody } from "./validation/zod3-issues.ts";

export type JsonBody = Record<string, unknown>;

const KIT_KIND_BY_STATUS: Readonly<Record<number, ErrorKind>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  413: "too_large",
  500: "internal",
  503: "unavailable",
};

/** An answer whose exact body the contract fixes: JSON, or plain text when a string. */
export class ContractError extends AppError {
  readonly body: JsonBody | string;

  constructor(status: number, body: JsonBody | string, cause?: unknown) {
    const kind = KIT_KIND_BY_STATUS[status] ?? "internal";
    super(kind, typeof body === "string" ? body : String(body.error ?? kind), { cause });
    this.body = body;
  }
}

export const httpError = (status: number, message: string, code?: string): ContractError =>
  new ContractError(status, code === undefined ? { error: message } : { error: message, code });

export const UNAUTHORIZED = (): ContractError => httpError(401, "Unauthorized");
export const FORBIDDEN = (): ContractError => httpError(403, "Forbidden");
/** The original's plain-text 500, for failures its handlers did not catch. */
export const INTERNAL = (cause?: unknown): ContractError =>
  new ContractError(500, "Internal Server Error", cause);

/** Engine failures, with the validator's envelope for validation issues. */
export function engineError(error: TaskcastError, input?: unknown): ContractError {
  const status = HTTP_STATUS_BY_KIND[error.kind];
  if (error.kind === "validation") return new ContractError(status, validatorBody(error.issues ?? [], input));
  // Storage lifecycle failures name their code, as the original's release answers do.
  return httpError(status, error.message, isStorageErrorKind(error.kind) ? error.kind : undefined);
}

/** The value of a successful engine call; a failure becomes the contract answer. */
export function orThrow<T>(result: Result<T>): T {
  if (!result.ok) throw engineError(result.error);
  return result.value;
}

/**
 * Storage adapters signal a dependency outage by throwing (or wrapping, as `cause`) an error
 * carrying `dependency` and `errorKind`; the original answers those with 503 (api.md §0).
 */
interface DependencyFailure {
  dependency: string;
  errorKind: string;
}

function dependencyFailure(error: unknown): DependencyFailure | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 8; depth++) {
    const candidate = current as Error & Partial<DependencyFailure>;
    if (typeof candidate.dependency === "string" && typeof candidate.errorKind === "string") {
      return { dependency: candidate.dependency, errorKind: candidate.errorKind };
    }
    current = current.cause;
  }
  return undefined;
}

function render(c: Context, status: number, body: JsonBody | string): Response {
  // Hono's `c.text`/`c.json` want literal status types; the statuses here all come from the contract.
  const code = status as 400;
  return typeof body === "string" ? c.text(body, code) : c.json(body, code);
}

export const taskcastErrorMapper: ErrorMapper = (error, c) => {
  if (error instanceof ContractError) return render(c, error.status, error.body);
  if (error.kind === "internal") {
    const outage = dependencyFailure(error.cause);
    if (outage) {
      return render(c, 503, { error: `${outage.dependency} unavailable (${outage.errorKind})` });
    }
    return render(c, 500, "Internal Server Error");
  }
  // Hono's 404 text for routes nobody serves (kit reports those as `not_found`).
  if (error.kind === "not_found") return render(c, 404, "404 Not Found");
  return render(c, error.status, { error: error.message });
};
