/**
 * The TaskArchive document (api.md §5 `/archive`, `/tasks/import`): the request schema the
 * original's OpenAPI validator enforced, and the export shape.
 */
import { z } from "zod";
import { publishEventSchema, taskErrorSchema } from "../../core/schemas.ts";
import {
  ASSIGN_MODES,
  DISCONNECT_POLICIES,
  TASK_STATUSES,
  type Task,
  type TaskEvent,
} from "../../core/types.ts";

export const ARCHIVE_SCHEMA = "taskcast.taskArchive";
export const ARCHIVE_VERSION = 1;

export interface TaskArchive {
  schema: typeof ARCHIVE_SCHEMA;
  version: typeof ARCHIVE_VERSION;
  exportedAt: number;
  task: Task;
  events: TaskEvent[];
}

const jsonObject = z.record(z.string(), z.json());
const positiveInt = z.number().int().positive();

export const archivedTaskSchema = z.looseObject({
  id: z.string(),
  type: z.string().optional(),
  status: z.enum(TASK_STATUSES),
  params: jsonObject.optional(),
  result: z.union([jsonObject, z.array(z.json())]).optional(),
  error: taskErrorSchema.optional(),
  metadata: jsonObject.optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  completedAt: z.number().optional(),
  ttl: positiveInt.optional(),
  tags: z.array(z.string()).optional(),
  assignMode: z.enum(ASSIGN_MODES).optional(),
  cost: positiveInt.optional(),
  assignedWorker: z.string().optional(),
  disconnectPolicy: z.enum(DISCONNECT_POLICIES).optional(),
});

/** A stored event: what was published plus what the store assigned. */
export const archivedEventSchema = z.looseObject({
  id: z.string(),
  taskId: z.string(),
  index: z.number().int(),
  timestamp: z.number(),
  ...publishEventSchema.shape,
});

export const archiveSchema = z.looseObject({
  schema: z.string(),
  version: z.number(),
  exportedAt: z.number(),
  task: archivedTaskSchema,
  events: z.array(archivedEventSchema),
});

export const importRequestSchema = z.object({ archive: archiveSchema, overwrite: z.boolean().optional() });
export type ImportRequest = z.output<typeof importRequestSchema>;
