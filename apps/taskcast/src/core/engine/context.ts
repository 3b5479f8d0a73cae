/** What every engine operation shares: the ports, the clock, and per-process coordination. */
import type { BroadcastProvider, LongTermStore, ShortTermStore } from "../../storage/ports.ts";
import type { Clock } from "../clock.ts";
import type { IdGenerator } from "../ids.ts";
import type { LifecycleContext } from "../lifecycle/context.ts";
import type { TtlDeadlines } from "../ttl.ts";
import type { Listeners } from "./hooks.ts";
import type { KeyedSerialQueue } from "./serial-queue.ts";
import type { WriteBehind } from "./write-behind.ts";

export interface EngineContext {
  shortTerm: ShortTermStore;
  broadcast: BroadcastProvider;
  longTerm: LongTermStore | undefined;
  clock: Clock;
  ids: IdGenerator;
  /** Serialises each task's commits and broadcasts within this process. */
  queue: KeyedSerialQueue;
  writeBehind: WriteBehind;
  /** The hot store dies with the process, so durable copies are written before answering. */
  durableBeforeAnswer: boolean;
  listeners: Listeners;
  /** Undefined when TTLs are ignored (the original's memory and SQLite modes). */
  ttl: TtlDeadlines | undefined;
  /** The hot/cold lifecycle; only with PostgreSQL behind a memory or Redis hot store. */
  lifecycle: LifecycleContext | undefined;
}
