/**
 * Domain failures are values, not exceptions, so every caller sees them in the type and the
 * server maps them to the contract in one place. Thrown errors are reserved for broken
 * infrastructure (a store that cannot be reached), which the server answers with 500/503.
 *
 * kind → HTTP (api.md §3.4, §5):
 *   not_found          404 {"error": message}
 *   invalid_transition 409 {"error": "Invalid transition: <from> → <to>"}
 *   conflict           409 {"error": message}  (duplicate id, lost compare-and-set)
 *   bad_request        400 {"error": message}  (engine guards: TTL, cost, terminal publish, not blocked)
 *   validation         400 validator shape built from `issues`
 *   storage_*          {"error": message, "code": kind} (hot/cold lifecycle, api.md storage release)
 */
import type { TaskStatus } from "./types.ts";

export type TaskcastErrorKind =
  | "not_found"
  | "invalid_transition"
  | "conflict"
  | "bad_request"
  | "validation"
  | StorageErrorKind;

export type StorageErrorKind =
  | "storage_precondition_failed"
  | "storage_busy"
  | "storage_integrity_error"
  | "storage_unavailable"
  | "storage_release_unsupported";

export const isStorageErrorKind = (kind: TaskcastErrorKind): kind is StorageErrorKind =>
  kind.startsWith("storage_");

/** One zod issue, kept structural so core does not leak zod types into the server. */
export interface ValidationIssue {
  code: string;
  path: PropertyKey[];
  message: string;
}

export interface TaskcastError {
  kind: TaskcastErrorKind;
  message: string;
  /** Only for `validation`. */
  issues?: ValidationIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: TaskcastError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T>(kind: TaskcastErrorKind, message: string): Result<T> => ({
  ok: false,
  error: { kind, message },
});

export const taskNotFound = <T>(taskId: string): Result<T> => fail("not_found", `Task not found: ${taskId}`);

export const invalidTransition = <T>(from: TaskStatus, to: TaskStatus): Result<T> =>
  fail("invalid_transition", `Invalid transition: ${from} \u2192 ${to}`);

export const HTTP_STATUS_BY_KIND: Readonly<Record<TaskcastErrorKind, number>> = {
  not_found: 404,
  invalid_transition: 409,
  conflict: 409,
  bad_request: 400,
  validation: 400,
  storage_precondition_failed: 409,
  storage_busy: 409,
  storage_integrity_error: 500,
  storage_unavailable: 503,
  storage_release_unsupported: 503,
};
