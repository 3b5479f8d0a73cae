/**
 * Path ids. The database keys are UUIDs; the original let PostgreSQL reject anything else with
 * a 500. Here a malformed id is simply a row that does not exist, with the route's own 404.
 */
import { AppError } from "@rt/kit";
import type { Context } from "hono";

import { isUuid } from "../ids.ts";

export { isUuid };

export function uuidParam(c: Context, name: string, notFoundMessage: string): string {
  const value = c.req.param(name) ?? "";
  if (!isUuid(value)) throw new AppError("not_found", notFoundMessage);
  return value.toLowerCase();
}
