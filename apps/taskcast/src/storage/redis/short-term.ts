/**
 * The Redis hot store on the original's keys. Every step that reads before it writes runs
 * in one Lua script, so it is atomic across all servers sharing the Redis, original ones too.
 */
import type Redis from "ioredis";
import { buildEvent, type EventDraft } from "../../core/events.ts";
import { applyHistoryQuery } from "../../core/history.ts";
import { accumulatedEvent, seriesOf } from "../../core/series.ts";
import { filterTasks } from "../../core/task-filter.ts";
import type { HistoryQuery, Task, TaskEvent, TaskStatus } from "../../core/types.ts";
import type {
  AppendResult,
  FenceCheck,
  ShortTermStore,
  TaskListFilter,
  TransitionCommit,
  TransitionCommitResult,
  VersionedTask,
} from "../ports.ts";
import { decodeEvent, decodeTask, eventTemplate } from "./codec.ts";
import { deleteEventEntries, deleteTaskKeys } from "./deletion.ts";
import type { RedisKeys } from "./keys.ts";
import { appendEventScript, commitTransitionScript, createTaskScript } from "./scripts.ts";

/** Optimistic accumulate retries; each round lets at least one writer through. */
const MAX_APPEND_ATTEMPTS = 1_000;
const LIST_BATCH = 500;

type Reply = [outcome: string, ...rest: Array<string | number>];

function asReply(value: unknown): Reply {
  if (!Array.isArray(value) || typeof value[0] !== "string") throw new Error("unexpected Redis script reply");
  return value as Reply;
}

export class RedisShortTermStore implements ShortTermStore {
  readonly outlivesProcess = true;
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async createTask(task: Task): Promise<boolean> {
    const fence = { taskId: task.id, acceptingWrites: true, storageEpoch: 1, activeReleaseGeneration: null };
    const k = this.keys;
    const created = await createTaskScript.run(
      this.redis,
      [k.task(task.id), k.taskStatus(task.id), k.tasks(), k.writeFence(task.id)],
      [JSON.stringify(task), task.status, task.id, JSON.stringify(fence)],
    );
    return created === 1;
  }

  async getTask(taskId: string): Promise<Task | null> {
    const raw = await this.redis.get(this.keys.task(taskId));
    return raw === null ? null : decodeTask(raw);
  }

  async loadTask(taskId: string): Promise<VersionedTask | null> {
    const raw = await this.redis.get(this.keys.task(taskId));
    return raw === null ? null : { task: decodeTask(raw), revision: raw };
  }

  /** Oldest first; ids whose task key is gone (expired, deleted) are dropped from the set. */
  async listTasks(filter?: TaskListFilter): Promise<Task[]> {
    const ids = await this.redis.smembers(this.keys.tasks());
    const tasks: Task[] = [];
    const stale: string[] = [];
    for (let start = 0; start < ids.length; start += LIST_BATCH) {
      const batch = ids.slice(start, start + LIST_BATCH);
      const raws = await this.redis.mget(batch.map((id) => this.keys.task(id)));
      raws.forEach((raw, i) => {
        if (raw === null) stale.push(batch[i] ?? "");
        else tasks.push(decodeTask(raw));
      });
    }
    if (stale.length > 0) await this.redis.srem(this.keys.tasks(), ...stale);
    tasks.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return filterTasks(tasks, filter);
  }

  async commitTransition(commit: TransitionCommit): Promise<TransitionCommitResult> {
    const { taskId } = commit;
    const templates = commit.events.map((draft) => eventTemplate(buildEvent(taskId, 0, draft)));
    const k = this.keys;
    const reply = asReply(
      await commitTransitionScript.run(
        this.redis,
        [k.task(taskId), k.taskStatus(taskId), k.index(taskId), k.events(taskId), k.writeFence(taskId)],
        [
          commit.expectedRevision,
          JSON.stringify(commit.task),
          commit.task.status,
          templates.length,
          commit.fence?.storageEpoch ?? "",
          ...templates.flatMap((t) => [t.prefix, t.suffix]),
        ],
      ),
    );
    if (reply[0] === "NOT_FOUND") return { ok: false, reason: "not_found" };
    if (reply[0] === "STALE") return { ok: false, reason: "stale" };
    if (reply[0] === "FENCED") return { ok: false, reason: "fenced" };
    const indexes = reply.slice(1).map(Number);
    return { ok: true, events: commit.events.map((draft, i) => buildEvent(taskId, indexes[i] ?? -1, draft)) };
  }

  async appendEvent(taskId: string, draft: EventDraft, fence?: FenceCheck): Promise<AppendResult> {
    const k = this.keys;
    const template = buildEvent(taskId, 0, draft);
    const series = seriesOf(template);
    const seriesId = series?.id ?? "";
    const keys = [
      k.task(taskId),
      k.taskStatus(taskId),
      k.index(taskId),
      k.events(taskId),
      k.seriesState(taskId),
      k.seriesListEntries(taskId),
      k.legacySeries(taskId, seriesId),
      k.legacySeriesIds(taskId),
      k.writeFence(taskId),
    ];
    const { prefix, suffix } = eventTemplate(template);
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt++) {
      let expected = "";
      let accumulated: TaskEvent | undefined;
      if (series?.mode === "accumulate") {
        const previousRaw =
          (await this.redis.hget(k.seriesState(taskId), seriesId)) ??
          (await this.redis.get(k.legacySeries(taskId, seriesId)));
        expected = previousRaw ?? "";
        const previous = previousRaw === null ? undefined : decodeEvent(previousRaw);
        accumulated = accumulatedEvent(previous, template);
      }
      const acc = accumulated ? eventTemplate(accumulated) : { prefix: "", suffix: "" };
      const reply = asReply(
        await appendEventScript.run(this.redis, keys, [
          prefix,
          suffix,
          series?.mode ?? "",
          seriesId,
          expected,
          acc.prefix,
          acc.suffix,
          fence?.storageEpoch ?? "",
        ]),
      );
      if (reply[0] === "RETRY") continue;
      if (reply[0] === "NOT_FOUND") return { ok: false, reason: "not_found" };
      if (reply[0] === "FENCED") return { ok: false, reason: "fenced" };
      if (reply[0] === "TERMINAL") return { ok: false, reason: "terminal", status: reply[1] as TaskStatus };
      const event = buildEvent(taskId, Number(reply[1]), draft);
      return accumulated
        ? { ok: true, event, accumulated: { ...accumulated, index: event.index } }
        : { ok: true, event };
    }
    throw new Error(`accumulate on task ${taskId} kept conflicting after ${MAX_APPEND_ATTEMPTS} attempts`);
  }

  async getEvents(taskId: string, query?: HistoryQuery): Promise<TaskEvent[]> {
    const raws = await this.redis.lrange(this.keys.events(taskId), 0, -1);
    const events = raws.map(decodeEvent).filter((event): event is TaskEvent => event !== undefined);
    return applyHistoryQuery(events, query);
  }

  /** The series hash, plus legacy (pre-1.6) series keys for series the hash does not know yet. */
  async getSeriesLatest(taskId: string): Promise<TaskEvent[]> {
    const [state, legacyIds] = await Promise.all([
      this.redis.hgetall(this.keys.seriesState(taskId)),
      this.redis.smembers(this.keys.legacySeriesIds(taskId)),
    ]);
    const raws = Object.values(state);
    const missing = legacyIds.filter((id) => !(id in state));
    if (missing.length > 0) {
      const legacy = await this.redis.mget(missing.map((id) => this.keys.legacySeries(taskId, id)));
      for (const raw of legacy) if (raw !== null) raws.push(raw);
    }
    return raws.map(decodeEvent).filter((event): event is TaskEvent => event !== undefined);
  }

  /** Latest-mode entries are written as `JSON.stringify(event)`, which is how the list holds them. */
  async saveSeriesLatest(taskId: string, events: readonly TaskEvent[]): Promise<void> {
    const state: string[] = [];
    const listed: string[] = [];
    for (const event of events) {
      const series = seriesOf(event);
      if (!series || series.mode === "keep-all") continue;
      const raw = JSON.stringify(buildEvent(taskId, event.index, event));
      state.push(series.id, raw);
      if (series.mode === "latest") listed.push(series.id, raw);
    }
    const pipeline = this.redis.multi();
    if (state.length > 0) pipeline.hset(this.keys.seriesState(taskId), ...state);
    if (listed.length > 0) pipeline.hset(this.keys.seriesListEntries(taskId), ...listed);
    await pipeline.exec();
  }

  deleteTask(taskId: string): Promise<void> {
    return deleteTaskKeys(this.redis, this.keys, taskId);
  }

  deleteEvents(taskId: string, eventIds: readonly string[]): Promise<number> {
    return deleteEventEntries(this.redis, this.keys, taskId, eventIds);
  }
}
