/** Request bodies parsed once at the edge: malformed or invalid input becomes `bad_request`. */
import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "./errors.ts";

export async function parseJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch (error) {
    throw new AppError("bad_request", "Malformed JSON body", { cause: error });
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({
      path: issue.path.map(String),
      message: issue.message,
    }));
    throw new AppError("bad_request", "Invalid request body", { details });
  }
  return result.data;
}
