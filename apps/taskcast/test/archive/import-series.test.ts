/**
 * `POST /tasks/import` restores latest and accumulate series as series (api.md §5): after the
 * import, a publish to a latest series replaces its entry and a publish to an accumulate
 * series continues the running total, in every storage mode.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { uniqueName } from "@rt/testkit";
import type { TaskEvent } from "../../src/core/types.ts";
import { start } from "../multi-instance/servers.ts";
import { call, publish } from "../server/helpers.ts";
import { useServices } from "../support/services.ts";

const { redisUrl, pgUrl, database, prefix } = useServices("tc_import");
const dir = mkdtempSync(join(tmpdir(), "taskcast-import-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modes = [
  { name: "memory", skip: false, env: () => ({}), flags: {} },
  { name: "sqlite", skip: false, env: () => ({}), flags: { storage: "sqlite", dbPath: join(dir, "i.db") } },
  { name: "redis", skip: !redisUrl, env: () => ({ TASKCAST_REDIS_URL: redisUrl ?? "" }), flags: {} },
  {
    name: "memory + postgres",
    skip: !pgUrl,
    env: () => ({ TASKCAST_POSTGRES_URL: database.url() }),
    flags: {},
  },
  {
    name: "redis + postgres",
    skip: !redisUrl || !pgUrl,
    env: () => ({ TASKCAST_REDIS_URL: redisUrl ?? "", TASKCAST_POSTGRES_URL: database.url() }),
    flags: {},
  },
];

function archiveOf(taskId: string) {
  const event = (index: number, extra: Record<string, unknown>) => ({
    id: `${taskId}-e${index}`,
    taskId,
    index,
    timestamp: 1_700_000_000_000 + index,
    type: "llm.delta",
    level: "info",
    ...extra,
  });
  return {
    schema: "taskcast.taskArchive",
    version: 1,
    exportedAt: Date.now(),
    task: { id: taskId, status: "running", createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 },
    events: [
      event(0, { data: { delta: "Hel" }, seriesId: "text", seriesMode: "accumulate" }),
      event(1, { data: { step: 1 }, seriesId: "progress", seriesMode: "latest" }),
      event(2, { data: "kept" }),
    ],
  };
}

for (const mode of modes) {
  describe.skipIf(mode.skip)(`import restores series: ${mode.name}`, () => {
    test("a later publish replaces the latest entry and continues the accumulated text", async () => {
      const server = await start({ TASKCAST_REDIS_PREFIX: prefix, ...mode.env() }, mode.flags);
      const taskId = uniqueName("imported");
      const imported = await call(server.base, "POST", "/tasks/import", {
        body: { archive: archiveOf(taskId) },
      });
      expect(imported.body).toEqual({ ok: true, taskId, eventCount: 3, overwritten: false });

      await publish(server.base, taskId, [
        { type: "llm.delta", level: "info", data: { step: 2 }, seriesId: "progress", seriesMode: "latest" },
        {
          type: "llm.delta",
          level: "info",
          data: { delta: "lo" },
          seriesId: "text",
          seriesMode: "accumulate",
        },
      ]);
      const history = (
        await call(server.base, "GET", `/tasks/${taskId}/events/history?seriesFormat=accumulated`)
      ).body as TaskEvent[];
      const progress = history.filter((event) => event.seriesId === "progress");
      expect(progress.map((event) => event.data)).toEqual([{ step: 2 }]);
      const text = history.filter((event) => event.seriesId === "text");
      expect(text.map((event) => event.data)).toEqual([{ delta: "Hello" }]);
      expect(history.filter((event) => event.seriesId === undefined).map((event) => event.data)).toEqual([
        "kept",
      ]);
      expect(Math.max(...history.map((event) => event.index))).toBe(4);
      await server.stop();
    });
  });
}
