/**
 * `checkScope` (api.md §1): a task-bound check first requires the task id to be in the
 * caller's list, then the scope must be granted or `*`. Routes call it before looking the
 * task up, so an unauthorised caller gets 403 even for a task that does not exist.
 */
import { FORBIDDEN } from "../errors.ts";
import type { AuthContext, Scope } from "./context.ts";

export function hasScope(auth: AuthContext, required: Scope, taskId?: string): boolean {
  if (taskId !== undefined && auth.taskIds !== "*" && !auth.taskIds.includes(taskId)) return false;
  return auth.scope.includes("*") || auth.scope.includes(required);
}

/** Throws the contract's 403 `{"error":"Forbidden"}` when the check fails. */
export function requireScope(auth: AuthContext, required: Scope, taskId?: string): void {
  if (!hasScope(auth, required, taskId)) throw FORBIDDEN();
}
