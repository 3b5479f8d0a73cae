import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteAdapters } from "../../src/storage/sqlite/index.ts";
import { draft, makeTask } from "./contract/fixtures.ts";
import { runLongTermContract, runShortTermContract } from "./contract.ts";

const dir = mkdtempSync(join(tmpdir(), "taskcast-sqlite-"));
let files = 0;
const freshPath = () => join(dir, `t${++files}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture<K extends "shortTerm" | "longTerm">(key: K) {
  return async () => {
    const adapters = createSqliteAdapters({ path: freshPath() });
    return { store: adapters[key], dispose: async () => adapters.close() };
  };
}

runShortTermContract("sqlite", fixture("shortTerm"));
runLongTermContract("sqlite", fixture("longTerm"));

const BUN = process.execPath;
const WRITER = join(import.meta.dir, "sqlite-writer.ts");

async function runWriters(args: string[][]): Promise<string[]> {
  const children = args.map((a) => Bun.spawn([BUN, WRITER, ...a], { stdout: "pipe", stderr: "inherit" }));
  const outputs = await Promise.all(children.map((child) => new Response(child.stdout).text()));
  for (const child of children) expect(await child.exited).toBe(0);
  return outputs.map((out) => out.trim());
}

describe("sqlite adapter", () => {
  test("the file survives a restart: write, close, reopen, read back", async () => {
    const path = freshPath();
    const first = createSqliteAdapters({ path });
    const task = makeTask({
      status: "blocked",
      reason: "approval",
      blockedRequest: { type: "ok?", data: 1 },
    });
    await first.shortTerm.createTask(task);
    await first.shortTerm.appendEvent(task.id, draft({ data: { a: 1 } }));
    await first.shortTerm.appendEvent(
      task.id,
      draft({ seriesId: "s", seriesMode: "accumulate", data: { delta: "x" } }),
    );
    first.close();

    const second = createSqliteAdapters({ path });
    expect(await second.shortTerm.getTask(task.id)).toEqual(task);
    expect((await second.shortTerm.getEvents(task.id)).map((e) => e.index)).toEqual([0, 1]);
    expect((await second.shortTerm.getSeriesLatest(task.id))[0]?.data).toEqual({ delta: "x" });
    const next = await second.shortTerm.appendEvent(task.id, draft());
    expect(next.ok && next.event.index).toBe(2);
    second.close();
  });

  test("uses WAL and foreign keys", () => {
    const adapters = createSqliteAdapters({ path: freshPath() });
    expect(adapters.database.query("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(adapters.database.query("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    adapters.close();
  });

  test("two processes appending to one file get unique, gap-free indexes", async () => {
    const path = freshPath();
    const adapters = createSqliteAdapters({ path });
    const task = makeTask();
    await adapters.shortTerm.createTask(task);
    const outputs = await runWriters([1, 2, 3, 4].map(() => [path, task.id, "append", "50"]));
    const indexes = outputs.flatMap((out) => JSON.parse(out) as number[]).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const stored = await adapters.shortTerm.getEvents(task.id);
    expect(new Set(stored.map((e) => e.index)).size).toBe(200);
    adapters.close();
  }, 30_000);

  test("20 transitions from one revision across processes: exactly one wins", async () => {
    const path = freshPath();
    const adapters = createSqliteAdapters({ path });
    const task = makeTask();
    await adapters.shortTerm.createTask(task);
    const loaded = await adapters.shortTerm.loadTask(task.id);
    if (!loaded) throw new Error("task not loaded");
    const outputs = await runWriters(
      Array.from({ length: 20 }, () => [path, task.id, "complete", loaded.revision]),
    );
    expect(outputs.filter((out) => out === "true")).toHaveLength(1);
    expect(await adapters.shortTerm.getEvents(task.id)).toHaveLength(1);
    adapters.close();
  }, 30_000);

  test("200 concurrent publishes in one process: unique strictly increasing indexes in list order", async () => {
    const adapters = createSqliteAdapters({ path: freshPath() });
    const task = makeTask();
    await adapters.shortTerm.createTask(task);
    await Promise.all(Array.from({ length: 200 }, () => adapters.shortTerm.appendEvent(task.id, draft())));
    const indexes = (await adapters.shortTerm.getEvents(task.id)).map((e) => e.index);
    expect(indexes).toEqual(Array.from({ length: 200 }, (_, i) => i));
    adapters.close();
  });
});
