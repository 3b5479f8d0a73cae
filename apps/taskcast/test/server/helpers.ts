/** A real Taskcast server on an ephemeral port, plus HTTP and SSE helpers for its tests. */
import { createLogger } from "@rt/kit";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import type { Task, TaskEvent } from "../../src/core/types.ts";
import { createTaskcastServer, type TaskcastServerOptions } from "../../src/server/server.ts";
import { createMemoryAdapters } from "../../src/storage/memory/index.ts";

export interface TestServer {
  base: string;
  engine: TaskcastEngine;
  close(): Promise<void>;
}

const running = new Set<TestServer>();

export async function startServer(options: Partial<TaskcastServerOptions> = {}): Promise<TestServer> {
  const engine = options.engine ?? new TaskcastEngine({ ...createMemoryAdapters(), ttl: "ignore" });
  const server = createTaskcastServer({ logger: createLogger({ level: "silent" }), ...options, engine });
  const http = Bun.serve({ port: 0, fetch: server.fetch, idleTimeout: 0 });
  const test: TestServer = {
    base: `http://localhost:${http.port}`,
    engine,
    close: async () => {
      running.delete(test);
      server.close();
      await http.stop(true);
    },
  };
  running.add(test);
  return test;
}

export async function closeAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.close()));
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text, sent as is. */
  raw?: string;
  headers?: Record<string, string>;
  /** Default true when a body is given. */
  json?: boolean;
}

export async function call(base: string, method: string, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = { ...options.headers };
  const text = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (text !== undefined && options.json !== false) headers["content-type"] ??= "application/json";
  const response = await fetch(`${base}${path}`, { method, headers, body: text });
  const bodyText = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = bodyText;
  }
  return { status: response.status, headers: response.headers, text: bodyText, body };
}

export async function createTask(
  base: string,
  input: Record<string, unknown> = {},
  headers = {},
): Promise<Task> {
  const answer = await call(base, "POST", "/tasks", { body: input, headers });
  if (answer.status !== 201) throw new Error(`create failed: ${answer.status} ${answer.text}`);
  return answer.body as Task;
}

export async function transition(base: string, id: string, status: string, extra: object = {}) {
  return call(base, "PATCH", `/tasks/${id}/status`, { body: { status, ...extra } });
}

export async function publish(base: string, id: string, event: object | object[]): Promise<TaskEvent[]> {
  const answer = await call(base, "POST", `/tasks/${id}/events`, { body: event });
  if (answer.status !== 201) throw new Error(`publish failed: ${answer.status} ${answer.text}`);
  return Array.isArray(answer.body) ? (answer.body as TaskEvent[]) : [answer.body as TaskEvent];
}

/** Reads an SSE body as raw text, chunk by chunk. */
export class SseReader {
  text = "";
  ended = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();
  /** A read that lost a race against a timeout is kept, so no chunk is ever dropped. */
  private pending: ReturnType<ReadableStreamDefaultReader<Uint8Array>["read"]> | undefined;

  constructor(readonly response: Response) {
    if (!response.body) throw new Error("no body");
    this.reader = response.body.getReader();
  }

  /** Reads until `done(text)` holds or the stream ends; fails after `timeoutMs`. */
  async until(done: (text: string) => boolean, timeoutMs = 2000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.text) && !this.ended) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`SSE timeout; got so far:\n${this.text}`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), left);
      });
      this.pending ??= this.reader.read();
      const chunk = await Promise.race([this.pending, timeout]);
      clearTimeout(timer);
      if (chunk === "timeout") continue;
      this.pending = undefined;
      if (chunk.done) this.ended = true;
      else this.text += this.decoder.decode(chunk.value, { stream: true });
    }
    return this.text;
  }

  /** Until `count` frames (blank-line terminated) have arrived. */
  frames(count: number, timeoutMs?: number): Promise<string> {
    return this.until((text) => text.split("\n\n").length - 1 >= count, timeoutMs);
  }

  toEnd(timeoutMs?: number): Promise<string> {
    return this.until(() => false, timeoutMs).catch((error: unknown) => {
      if (this.ended) return this.text;
      throw error;
    });
  }

  async cancel(): Promise<void> {
    await this.reader.cancel().catch(() => {});
  }
}

export async function openStream(base: string, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, { headers });
  return new SseReader(response);
}

export interface SdkFrame {
  event: string;
  data: unknown;
}

/**
 * Parses frames the way `@taskcast/server-sdk` does: split the text on `\n`, remember the
 * `event: ` line, dispatch on the `data: ` line. Anything the server wrote differently
 * (CRLF, a missing space, multi-line data) would not parse here.
 */
export function sdkFrames(text: string): SdkFrame[] {
  const frames: SdkFrame[] = [];
  let event = "message";
  for (const line of text.split("\n")) {
    if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) frames.push({ event, data: JSON.parse(line.slice(6)) });
  }
  return frames;
}

/** The envelopes or events of the `taskcast.event` frames. */
export function eventData<T = Record<string, unknown>>(text: string): T[] {
  return sdkFrames(text)
    .filter((frame) => frame.event === "taskcast.event")
    .map((frame) => frame.data as T);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
