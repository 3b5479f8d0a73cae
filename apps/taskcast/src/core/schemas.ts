/**
 * Request bodies, parsed once at the edge (api.md §5). The server validates with these and
 * renders failures in the contract's shapes: `issues` for the validator envelope, or
 * `z.flattenError` for the no-content-type path. Unknown keys are dropped, as in the original.
 */
import { z } from "zod";
import type { Result, ValidationIssue } from "./errors.ts";
import { ASSIGN_MODES, DISCONNECT_POLICIES, LEVELS, SERIES_MODES, TASK_STATUSES } from "./types.ts";

const jsonObject = z.record(z.string(), z.json());

export const taskErrorSchema = z.object({
  message: z.string(),
  code: z.string().optional(),
  details: jsonObject.optional(),
});

export const createTaskSchema = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  params: jsonObject.optional(),
  metadata: jsonObject.optional(),
  authConfig: jsonObject.optional(),
  ttl: z.number().int().positive().optional(),
  webhooks: z.array(z.json()).optional(),
  cleanup: z.object({ rules: z.array(z.json()) }).optional(),
  tags: z.array(z.string()).optional(),
  assignMode: z.enum(ASSIGN_MODES).optional(),
  // HTTP refuses 0 even though the engine would accept it (api.md §5).
  cost: z.number().int().positive().optional(),
  disconnectPolicy: z.enum(DISCONNECT_POLICIES).optional(),
});
export type CreateTaskInput = z.output<typeof createTaskSchema>;

export const blockedRequestSchema = z
  .object({ type: z.string(), data: z.json().optional() })
  .transform((request) => ({ type: request.type, data: request.data ?? null }));

export const transitionSchema = z.object({
  status: z.enum(TASK_STATUSES),
  result: jsonObject.optional(),
  error: taskErrorSchema.optional(),
  reason: z.string().optional(),
  ttl: z.number().int().positive().optional(),
  resumeAfterMs: z.number().int().positive().optional(),
  blockedRequest: blockedRequestSchema.optional(),
});
export type TransitionInput = z.output<typeof transitionSchema>;

export const publishEventSchema = z.object({
  type: z.string(),
  level: z.enum(LEVELS),
  data: z.json().optional(),
  seriesId: z.string().optional(),
  seriesMode: z.enum(SERIES_MODES).optional(),
  seriesAccField: z.string().optional(),
});
export type PublishEventInput = z.output<typeof publishEventSchema>;

/** POST /tasks/:id/events takes one event or an array of them. */
export const publishBodySchema = z.union([publishEventSchema, z.array(publishEventSchema)]);

/** POST /tasks/:id/resolve: a JSON object whose `data` key may be missing. */
export const resolveSchema = z.object({ data: z.json().optional() });

/** Parses `input`, answering a `validation` error that carries the zod issues. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): Result<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues: ValidationIssue[] = parsed.error.issues.map((issue) => ({ ...issue, path: [...issue.path] }));
  return { ok: false, error: { kind: "validation", message: "Invalid request body", issues } };
}
