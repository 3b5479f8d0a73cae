/**
 * Request bodies, read the two ways the original did (api.md §0):
 *  - with a JSON `Content-Type` the OpenAPI validator runs first, before any scope check:
 *    malformed JSON → 400 text `Malformed JSON in request body`, schema failure → 400 with
 *    the validator envelope;
 *  - without one the validator is skipped and the handler parses the body itself after its
 *    scope check: malformed JSON → 500 `Internal Server Error`, schema failure → 400 with
 *    zod's flatten shape.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { parseInput } from "../../core/schemas.ts";
import { ContractError, INTERNAL } from "../errors.ts";
import { flattenBody, validatorBody } from "./zod3-issues.ts";

// The media types Hono's validator treats as JSON (`application/json`, `application/x+json`...).
const JSON_CONTENT_TYPE = /^application\/([a-z-.]+\+)?json(;\s*[a-zA-Z0-9-]+=([^;]+))*$/;

export type BodyPath = "validator" | "handler";

export function bodyPath(c: Context): BodyPath {
  const type = c.req.header("content-type");
  return type !== undefined && JSON_CONTENT_TYPE.test(type) ? "validator" : "handler";
}

/** Parses the body as JSON; a parse failure answers as the given path does. */
export async function parseJsonBody(c: Context, path: BodyPath): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (path === "validator") throw new ContractError(400, "Malformed JSON in request body", error);
    throw INTERNAL(error);
  }
}

export function validateBody<S extends z.ZodType>(schema: S, value: unknown, path: BodyPath): z.output<S> {
  const parsed = parseInput<z.output<S>>(schema as z.ZodType<z.output<S>>, value);
  if (parsed.ok) return parsed.value;
  const issues = parsed.error.issues ?? [];
  const body = path === "validator" ? validatorBody(issues, value) : flattenBody(issues, value);
  throw new ContractError(400, body);
}

/**
 * The whole dance for one body: `authorize` (the scope check) runs after the validator on
 * the JSON path and before parsing on the other, as in the original.
 */
export async function acceptBody<S extends z.ZodType>(
  c: Context,
  schema: S,
  authorize: () => void | Promise<void>,
): Promise<z.output<S>> {
  const path = bodyPath(c);
  if (path === "validator") {
    const value = validateBody(schema, await parseJsonBody(c, path), path);
    await authorize();
    return value;
  }
  await authorize();
  return validateBody(schema, await parseJsonBody(c, path), path);
}
