/** Builders shared by the adapter contract suites. */
import { afterEach } from "bun:test";
import type { EventDraft } from "../../../src/core/events.ts";
import { createUlidGenerator } from "../../../src/core/ids.ts";
import type { Task, TaskEvent } from "../../../src/core/types.ts";

const nextId = createUlidGenerator();

/** Each adapter fixture owns its resources; `dispose` runs after every test. */
export interface Fixture<T> {
  store: T;
  dispose?: () => Promise<void>;
}

export type FixtureFactory<T> = () => Promise<Fixture<T>>;

/**
 * Opens a fresh fixture per test and disposes it afterwards; call inside a describe block.
 * Answers the function a test calls to get its store.
 */
export function useFixture<T>(factory: FixtureFactory<T>): () => Promise<T> {
  let fixture: Fixture<T> | undefined;
  afterEach(async () => {
    await fixture?.dispose?.();
    fixture = undefined;
  });
  return async () => {
    fixture = await factory();
    return fixture.store;
  };
}

export interface ContractOptions {
  /** Skip the whole suite, e.g. when the adapter's service is not reachable. */
  skip?: boolean;
}

export interface LongTermContractOptions extends ContractOptions {
  /**
   * Whether `reason`, `resumeAt` and `blockedRequest` survive in the durable store. Default true;
   * PostgreSQL keeps the original's columns, which have no place for them.
   */
  keepsSuspension?: boolean;
}

let taskCounter = 0;
export function uniqueTaskId(): string {
  taskCounter += 1;
  return `contract-${Date.now().toString(36)}-${taskCounter}-${nextId().slice(-6)}`;
}

export function makeTask(overrides: Partial<Task> = {}): Task {
  const now = Date.now();
  return { id: uniqueTaskId(), status: "running", createdAt: now, updatedAt: now, ...overrides };
}

export function draft(overrides: Partial<EventDraft> = {}): EventDraft {
  return { id: nextId(), timestamp: Date.now(), type: "log", level: "info", data: null, ...overrides };
}

export function makeEvent(taskId: string, index: number, overrides: Partial<TaskEvent> = {}): TaskEvent {
  return {
    id: nextId(),
    taskId,
    index,
    timestamp: 1_000 + index,
    type: "log",
    level: "info",
    data: { n: index },
    ...overrides,
  };
}

/** Polls until `check` passes; broadcast adapters may deliver asynchronously. */
export async function eventually(check: () => void, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
