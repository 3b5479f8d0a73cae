/**
 * The OpenAPI 3.1 document of `/openapi.json` (api.md §4): the original's title, security
 * scheme, component names and the task/event paths. Schemas come from the same zod schemas
 * the routes validate with, so the document cannot drift from the behaviour.
 */
import { z } from "zod";
import {
  createTaskSchema,
  publishEventSchema,
  taskErrorSchema,
  transitionSchema,
} from "../../core/schemas.ts";
import {
  archivedEventSchema,
  archivedTaskSchema,
  archiveSchema,
  importRequestSchema,
} from "../archive/schema.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ "application/json": { schema } });
const errorResponse = (description: string) => ({ description, content: json(ref("Error")) });
const taskIdParam = { name: "taskId", in: "path", required: true, schema: { type: "string" } };
const queryParam = (name: string) => ({ name, in: "query", required: false, schema: { type: "string" } });

function operation(tag: string, summary: string, responses: Record<string, object>, extra: object = {}) {
  return {
    tags: [tag],
    summary,
    security: [{ Bearer: [] }],
    ...extra,
    responses: { ...responses, "403": errorResponse("Forbidden") },
  };
}

const component = (schema: z.ZodType) => z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });

export function openApiDocument(version: string) {
  const sinceParams = ["since.id", "since.index", "since.timestamp", "limit"].map(queryParam);
  return {
    openapi: "3.1.0",
    info: { title: "Taskcast API", version },
    security: [{ Bearer: [] }],
    components: {
      securitySchemes: { Bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
      schemas: {
        TaskError: component(taskErrorSchema),
        Task: component(archivedTaskSchema),
        Error: component(z.object({ error: z.string(), code: z.string().optional() })),
        CreateTaskInput: component(createTaskSchema),
        TaskEvent: component(archivedEventSchema),
        TaskArchive: component(archiveSchema),
        ImportTaskArchiveResult: component(
          z.object({ ok: z.boolean(), taskId: z.string(), eventCount: z.number(), overwritten: z.boolean() }),
        ),
        ImportTaskArchiveInput: component(importRequestSchema),
        TransitionInput: component(transitionSchema),
        PublishEventInput: component(publishEventSchema),
        StorageReleaseResult: component(
          z.object({
            taskId: z.string(),
            storageState: z.literal("cold"),
            archiveWatermark: z.number(),
            released: z.boolean(),
          }),
        ),
        StorageReleaseRequest: component(
          z.object({
            expectedLastEventIndex: z.number().int().gte(-1),
            inactiveSince: z.number().int().gte(0),
          }),
        ),
      },
    },
    paths: {
      "/tasks": {
        post: operation(
          "Tasks",
          "Create a task",
          {
            "201": { description: "Task created", content: json(ref("Task")) },
            "400": errorResponse("Invalid input"),
          },
          { requestBody: { content: json(ref("CreateTaskInput")) } },
        ),
        get: operation(
          "Tasks",
          "List tasks",
          {
            "200": {
              description: "Tasks",
              content: json({ type: "object", properties: { tasks: { type: "array", items: ref("Task") } } }),
            },
          },
          { parameters: [queryParam("status"), queryParam("type")] },
        ),
      },
      "/tasks/import": {
        post: operation(
          "Tasks",
          "Import a task archive",
          {
            "200": { description: "Imported", content: json(ref("ImportTaskArchiveResult")) },
            "400": errorResponse("Invalid archive"),
            "409": errorResponse("Task already exists"),
          },
          { requestBody: { content: json(ref("ImportTaskArchiveInput")) } },
        ),
      },
      "/tasks/{taskId}": {
        get: operation(
          "Tasks",
          "Get a task",
          {
            "200": { description: "Task", content: json(ref("Task")) },
            "404": errorResponse("Task not found"),
          },
          { parameters: [taskIdParam] },
        ),
      },
      "/tasks/{taskId}/archive": {
        get: operation(
          "Tasks",
          "Export a task archive",
          {
            "200": { description: "Archive", content: json(ref("TaskArchive")) },
            "404": errorResponse("Task not found"),
          },
          { parameters: [taskIdParam] },
        ),
      },
      "/tasks/{taskId}/status": {
        patch: operation(
          "Tasks",
          "Transition a task",
          {
            "200": { description: "Task", content: json(ref("Task")) },
            "400": errorResponse("Invalid input"),
            "404": errorResponse("Task not found"),
            "409": errorResponse("Invalid transition"),
          },
          { parameters: [taskIdParam], requestBody: { content: json(ref("TransitionInput")) } },
        ),
      },
      "/tasks/{taskId}/events": {
        post: operation(
          "Events",
          "Publish events to a task",
          {
            "201": {
              description: "Events published",
              content: json({ anyOf: [ref("TaskEvent"), { type: "array", items: ref("TaskEvent") }] }),
            },
            "400": errorResponse("Validation error"),
            "404": errorResponse("Task not found"),
          },
          {
            parameters: [taskIdParam],
            requestBody: {
              content: json({
                anyOf: [ref("PublishEventInput"), { type: "array", items: ref("PublishEventInput") }],
              }),
            },
          },
        ),
        get: operation(
          "Events",
          "Subscribe to a task's events (SSE)",
          {
            "200": {
              description: "Event stream",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
            "404": errorResponse("Task not found"),
          },
          {
            parameters: [
              taskIdParam,
              ...["types", "levels", "includeStatus", "wrap", "seriesFormat"].map(queryParam),
              ...sinceParams,
            ],
          },
        ),
      },
      "/tasks/{taskId}/events/history": {
        get: operation(
          "Events",
          "Get a task's event history",
          {
            "200": { description: "Events", content: json({ type: "array", items: ref("TaskEvent") }) },
            "404": errorResponse("Task not found"),
          },
          { parameters: [taskIdParam, ...sinceParams, queryParam("seriesFormat")] },
        ),
      },
      "/tasks/{taskId}/storage/release": {
        post: operation(
          "Tasks",
          "Release a task to cold storage",
          {
            "200": { description: "Released", content: json(ref("StorageReleaseResult")) },
            "404": errorResponse("Task not found"),
            "409": errorResponse("Storage precondition failed or busy"),
            "503": errorResponse("Storage release unavailable"),
          },
          { parameters: [taskIdParam], requestBody: { content: json(ref("StorageReleaseRequest")) } },
        ),
      },
      "/events": {
        get: operation(
          "Events",
          "Subscribe to events of all new tasks (SSE)",
          {
            "200": {
              description: "Event stream",
              content: { "text/event-stream": { schema: { type: "string" } } },
            },
          },
          { parameters: [queryParam("types"), queryParam("levels")] },
        ),
      },
    },
  };
}
