import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./env.ts";

// Form fields arrive flat with Rails names (`user[name]`, `user_ids[]`); each route parses them once
// here into a typed value, or gets null for a malformed submission.
export async function formParams<Schema extends z.ZodType>(
  c: Context<AppEnv>,
  schema: Schema,
): Promise<z.infer<Schema> | null> {
  const body = await c.req.parseBody();
  const parsed = schema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

export function idParam(value: string | undefined): number | null {
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}
