/**
 * Request bodies read the way the original's framework read them (rest.md §1.3, §1.6), before
 * authentication: JSON (1 MiB limit, exact parse errors), `text/plain` as a string, multipart
 * left to the upload routes, any other type 415. Handlers then validate with `parseBody`.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { z } from "zod";
import { readBounded } from "./bounded-body.ts";
import type { ArinovaEnv } from "./env.ts";
import { frameworkError, unsupportedMediaType, validationError } from "./errors.ts";
import { mediaType } from "./media-type.ts";

export const BODY_LIMIT_BYTES = 1_048_576;

// Fastify always runs its parser for these when a content type is given (so an empty JSON
// body is an error), but for DELETE and OPTIONS only when a body is announced.
const ALWAYS_PARSED = new Set(["POST", "PUT", "PATCH"]);
const PARSED_WHEN_ANNOUNCED = new Set(["DELETE", "OPTIONS"]);

const bodyAnnounced = (headers: Headers): boolean =>
  headers.has("transfer-encoding") || headers.has("content-length");

const tooLarge = () => frameworkError("too_large", "Request body is too large");

/** The body as the original's handlers saw it: parsed JSON, a string, or undefined. */
export async function parseRequestBody(request: Request): Promise<unknown> {
  const contentType = request.headers.get("content-type");
  if (contentType === null) return undefined;
  const parsed =
    ALWAYS_PARSED.has(request.method) ||
    (PARSED_WHEN_ANNOUNCED.has(request.method) && bodyAnnounced(request.headers));
  if (!parsed) return undefined;
  const type = mediaType(contentType);
  if (type === "multipart/form-data") return undefined;
  if (type !== "application/json" && type !== "text/plain") throw unsupportedMediaType(contentType);
  const bytes = await readBounded(request, BODY_LIMIT_BYTES);
  if (bytes === undefined) throw tooLarge();
  const text = new TextDecoder().decode(bytes);
  if (type === "text/plain") return text;
  if (text === "") {
    throw frameworkError(
      "bad_request",
      "Body cannot be empty when content-type is set to 'application/json'",
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw frameworkError(
      "bad_request",
      "Body is not valid JSON but content-type is set to 'application/json'",
    );
  }
}

/** Route middleware: reads the body once, before requireAuth, as the original's order demands. */
export const readBody: MiddlewareHandler<ArinovaEnv> = async (c, next) => {
  c.set("body", await parseRequestBody(c.req.raw));
  await next();
};

/** Validates the body read by `readBody`; a mismatch is a 400 validation error. */
export function parseBody<S extends z.ZodType>(c: Context<ArinovaEnv>, schema: S): z.output<S> {
  const result = schema.safeParse(c.get("body"));
  if (result.success) return result.data;
  const message = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? `body/${issue.path.join("/")} ` : "body "}${issue.message}`)
    .join(", ");
  throw validationError(message);
}
