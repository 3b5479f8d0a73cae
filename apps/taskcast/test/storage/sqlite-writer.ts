/**
 * A separate process writing to a shared SQLite file, for the cross-process tests in
 * sqlite.test.ts. Usage: bun sqlite-writer.ts <path> <taskId> append <count>
 *                        bun sqlite-writer.ts <path> <taskId> complete <revision>
 * Prints one JSON line: the allocated indexes, or whether the transition won.
 */
import { createUlidGenerator } from "../../src/core/ids.ts";
import { createSqliteAdapters } from "../../src/storage/sqlite/index.ts";

const [path, taskId, action, arg] = process.argv.slice(2);
if (!path || !taskId || !arg) throw new Error("usage: sqlite-writer.ts <path> <taskId> <action> <arg>");
const nextId = createUlidGenerator();
const adapters = createSqliteAdapters({ path, busyTimeoutMs: 20_000 });
const draft = () => ({
  id: nextId(),
  timestamp: Date.now(),
  type: "log",
  level: "info" as const,
  data: null,
});

if (action === "append") {
  const indexes: number[] = [];
  for (let i = 0; i < Number(arg); i++) {
    const result = await adapters.shortTerm.appendEvent(taskId, draft());
    if (result.ok) indexes.push(result.event.index);
  }
  console.log(JSON.stringify(indexes));
} else {
  const loaded = await adapters.shortTerm.loadTask(taskId);
  if (!loaded) throw new Error("task missing");
  const now = Date.now();
  const result = await adapters.shortTerm.commitTransition({
    taskId,
    expectedRevision: arg,
    task: {
      ...loaded.task,
      status: "completed",
      completedAt: now,
      updatedAt: now,
      result: { pid: process.pid },
    },
    events: [{ ...draft(), type: "taskcast:status", data: { status: "completed" } }],
  });
  console.log(JSON.stringify(result.ok));
}
adapters.close();
