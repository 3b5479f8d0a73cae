/**
 * Tasks in flight on this instance: the ones its connected agents are answering. Chunks,
 * completion and errors arrive here from the agent's socket; a task also ends when the user
 * cancels it (announced to every instance), when its agent leaves, or after 600 s without a
 * chunk (websocket.md §4.4-§4.6).
 */
import type { Unsubscribe } from "@rt/realtime";
import { z } from "zod";
import { safeJson } from "../realtime/safe-json.ts";
import { taskFrame } from "../ws/agent-messages.ts";
import { streamChunk } from "../ws/server-events.ts";
import { ChunkAccumulator } from "./chunk-accumulator.ts";
import { type StreamDeps, TASKS_TOPIC, type TaskInfo } from "./deps.ts";
import { ERRORS } from "./prompt.ts";
import type { Turns } from "./turns.ts";

interface PendingTask {
  info: TaskInfo;
  chunks: ChunkAccumulator;
  timer: ReturnType<typeof setTimeout>;
  /** Last time the shared stream record's TTL was refreshed. */
  touchedAt: number;
}

const cancelMessage = z.object({ kind: z.literal("cancel"), taskId: z.string(), userId: z.string() });
const TOUCH_EVERY_MS = 60_000;

export class AgentTasks {
  readonly #deps: StreamDeps;
  readonly #turns: Turns;
  readonly #tasks = new Map<string, PendingTask>();
  /** Endings still writing (settle, events, next turn): what shutdown waits for. */
  readonly #ending = new Set<Promise<void>>();
  #unsubscribe: Unsubscribe | undefined;

  constructor(deps: StreamDeps, turns: Turns) {
    this.#deps = deps;
    this.#turns = turns;
  }

  async start(): Promise<void> {
    this.#unsubscribe = await this.#deps.bus.subscribe(TASKS_TOPIC, (message) => {
      const parsed = cancelMessage.safeParse(safeJson(message));
      if (!parsed.success) return;
      const { taskId, userId } = parsed.data;
      // Only the conversation's owner may stop its stream (the original let anyone who knew the id).
      if (this.#tasks.get(taskId)?.info.userId !== userId) return;
      this.#end(taskId, undefined, (task) => this.#turns.fail(task, ERRORS.cancelled));
    });
  }

  /** `cancel_stream`: whichever instance holds the task fails it; the agent is not told. */
  cancel(userId: string, taskId: string): Promise<void> {
    return this.#deps.bus.publish(TASKS_TOPIC, JSON.stringify({ kind: "cancel", taskId, userId }));
  }

  /** Hands a task to the agent's socket here and starts its idle timer. */
  accept(info: TaskInfo, send: (frame: string) => void): void {
    const { active, instances, taskIdleMs, logger } = this.#deps;
    const timer = setTimeout(
      () => this.#end(info.taskId, undefined, (task) => this.#turns.fail(task, ERRORS.timedOut)),
      taskIdleMs,
    );
    this.#tasks.set(info.taskId, { info, chunks: new ChunkAccumulator(), timer, touchedAt: Date.now() });
    void active
      .update(info.conversationId, { ...info.stream, owner: instances.id })
      .catch((error: unknown) => logger.warn("stream owner not recorded", { error: String(error) }));
    send(taskFrame({ taskId: info.taskId, conversationId: info.conversationId, content: info.content }));
  }

  chunk(agentId: string, taskId: string, chunk: string): void {
    const pending = this.#tasks.get(taskId);
    if (pending === undefined || pending.info.agentId !== agentId) return;
    pending.timer.refresh();
    const delta = pending.chunks.accept(chunk);
    if (delta === null) return;
    const { info } = pending;
    const { events, streamText, active, logger, counters } = this.#deps;
    counters.chunkRelayed();
    void events.send(
      info.userId,
      streamChunk({ conversationId: info.conversationId, messageId: taskId, seq: info.seq }, delta),
    );
    void streamText.write(taskId, pending.chunks.text).catch(() => undefined);
    const now = Date.now();
    if (now - pending.touchedAt > TOUCH_EVERY_MS) {
      pending.touchedAt = now;
      void active
        .touch(info.conversationId)
        .catch((error: unknown) => logger.warn("touch failed", { error: String(error) }));
    }
  }

  complete(agentId: string, taskId: string, content: string): void {
    this.#end(taskId, agentId, (task) => this.#turns.complete(task, content));
  }

  error(agentId: string, taskId: string, error: string): void {
    this.#end(taskId, agentId, (task) => this.#turns.fail(task, error));
  }

  /** The agent's socket closed (or was taken over from another instance). */
  agentGone(agentId: string): void {
    for (const [taskId, pending] of this.#tasks) {
      if (pending.info.agentId === agentId) {
        this.#end(taskId, agentId, (task) => this.#turns.fail(task, ERRORS.disconnected));
      }
    }
  }

  /** The task failed before it reached an agent socket here. */
  notDelivered(info: TaskInfo): void {
    this.#run(this.#turns.fail(info, ERRORS.notConnected));
  }

  get size(): number {
    return this.#tasks.size;
  }

  /**
   * Shutdown: every task streaming here ends now as `Stream interrupted`, stored and sent to
   * its user while their sockets are still open, instead of staying `streaming` until a sweep.
   */
  interruptAll(): Promise<void> {
    for (const taskId of [...this.#tasks.keys()]) {
      this.#end(taskId, undefined, (task) => this.#turns.fail(task, ERRORS.interrupted));
    }
    return this.drain();
  }

  /** Waits for endings in progress, including those of turns they started in turn. */
  async drain(): Promise<void> {
    while (this.#ending.size > 0) await Promise.all(this.#ending);
  }

  async close(): Promise<void> {
    await this.#unsubscribe?.();
    for (const pending of this.#tasks.values()) clearTimeout(pending.timer);
  }

  #end(taskId: string, agentId: string | undefined, finish: (task: TaskInfo) => Promise<void>): void {
    const pending = this.#tasks.get(taskId);
    if (pending === undefined || (agentId !== undefined && pending.info.agentId !== agentId)) return;
    this.#tasks.delete(taskId);
    clearTimeout(pending.timer);
    this.#run(finish(pending.info));
  }

  #run(work: Promise<void>): void {
    const ending = work.catch((error: unknown) =>
      this.#deps.logger.error("ending a task failed", { error: String(error) }),
    );
    this.#ending.add(ending);
    void ending.finally(() => this.#ending.delete(ending));
  }
}
