import { type Beating, type HeartbeatClock, sharedHeartbeatClock } from "./heartbeat-clock.ts";
import { formatSseComment, formatSseFrame, PreparedSseFrame, type SseFrame } from "./sse-frame.ts";

export interface SseStream {
  /**
   * Queues a frame; `false` when the stream is closed and the frame was dropped. A frame going
   * to many streams can be formatted once with `prepareSseFrame`.
   */
  send(frame: SseFrame | PreparedSseFrame): boolean;
  /** Writes `:${text}\n\n`, e.g. `:keepalive\n\n`. Same return value as `send`. */
  comment(text: string): boolean;
  /** Ends the response after the queued frames are written. */
  close(): void;
  readonly closed: boolean;
  /** Runs once, whoever closes: the app, the client going away, or a full buffer. */
  onClose(callback: () => void): void;
}

export interface SseInit {
  /**
   * An extra way to stop the stream. Not needed to notice a client that goes away (the
   * stream's own cancel does that); note that touching `request.signal` makes Bun build it,
   * about 500 bytes per idle stream (bench/sse-idle.ts with BENCH_SIGNAL=on).
   */
  signal?: AbortSignal;
  /** Added to (and overriding) the default SSE headers. */
  headers?: HeadersInit;
  /** Sends a comment this often; off unless set. */
  heartbeatMs?: number;
  /** Text of the heartbeat comment. Default "keepalive". */
  heartbeatComment?: string;
  /** Bytes queued for a client that is not reading before the stream is dropped. Default 256 KiB. */
  maxBufferedBytes?: number;
  /** Sync throws propagate to the caller; an async rejection aborts the stream. */
  start: (stream: SseStream) => void | Promise<void>;
  /** For tests and custom schedulers; defaults to one process-wide clock. */
  heartbeatClock?: HeartbeatClock;
}

const DEFAULT_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache",
  connection: "keep-alive",
};

type Chunk = Uint8Array<ArrayBuffer>;

const encoder = new TextEncoder();

/** The part of a ReadableStream controller the writer uses. */
interface ChunkSink {
  readonly desiredSize: number | null;
  enqueue(chunk: Chunk): void;
  close(): void;
  error(reason?: unknown): void;
}

/**
 * Frames written during one event-loop turn leave as one chunk per stream. Bun moves each
 * chunk of a ReadableStream to the socket through a JavaScript pump whose cost is per chunk
 * (it was 44% of server CPU with one chunk per frame, bench/taskcast-throughput.ts), so a
 * burst of events becomes one write per subscriber. One immediate serves every stream.
 */
const dirty: SseWriter[] = [];
let flushScheduled = false;

function scheduleFlush(writer: SseWriter): void {
  dirty.push(writer);
  if (flushScheduled) return;
  flushScheduled = true;
  setImmediate(flushDirty);
}

function flushDirty(): void {
  flushScheduled = false;
  for (const writer of dirty.splice(0)) writer.flush();
}

/**
 * The stream behind one SSE response. It is its own ReadableStream source and abort listener
 * (no closures per stream), so an idle stream costs this object plus Bun's native stream.
 */
class SseWriter implements SseStream, Beating {
  #controller: ChunkSink | undefined;
  /** Bytes enqueued since the queue was last seen empty: an upper bound of what is waiting. */
  #backlog = 0;
  #onClose: Array<() => void> | undefined;
  /**
   * Frames written this turn, not yet handed to the stream; undefined while idle. A lone
   * prepared frame stays as it is, so its shared bytes can go out without re-encoding.
   */
  #pending: string | PreparedSseFrame | undefined;
  #closed = false;
  readonly #maxBufferedBytes: number;
  readonly #signal: AbortSignal | undefined;
  readonly #heartbeatMs: number | undefined;
  readonly #heartbeatComment: string;
  readonly #clock: HeartbeatClock;

  constructor(init: SseInit, maxBufferedBytes: number) {
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#signal = init.signal;
    this.#heartbeatMs = init.heartbeatMs;
    this.#heartbeatComment = init.heartbeatComment ?? "keepalive";
    this.#clock = init.heartbeatClock ?? sharedHeartbeatClock;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** ReadableStream calls this synchronously from its constructor. */
  start(controller: ChunkSink): void {
    this.#controller = controller;
    if (this.#signal?.aborted) {
      this.#finish("abort");
      return;
    }
    this.#signal?.addEventListener("abort", this);
    if (this.#heartbeatMs) this.#clock.add(this.#heartbeatMs, this);
  }

  /** ReadableStream calls this when the client disconnects. */
  cancel(): void {
    this.#finish("abort");
  }

  /** The request signal's abort event. */
  handleEvent(): void {
    this.#finish("abort");
  }

  beat(): void {
    this.comment(this.#heartbeatComment);
  }

  send(frame: SseFrame | PreparedSseFrame): boolean {
    return this.#write(frame instanceof PreparedSseFrame ? frame : formatSseFrame(frame));
  }

  comment(text: string): boolean {
    return this.#write(formatSseComment(text));
  }

  close(): void {
    this.#finish("close");
  }

  onClose(callback: () => void): void {
    if (this.#closed) {
      callback();
      return;
    }
    if (this.#onClose) this.#onClose.push(callback);
    else this.#onClose = [callback];
  }

  /** Ends the stream because `start` failed asynchronously. */
  fail(): void {
    this.#finish("abort");
  }

  #write(frame: string | PreparedSseFrame): boolean {
    const text = typeof frame === "string" ? frame : frame.text;
    const controller = this.#controller;
    if (this.#closed || !controller) return false;
    // With the default strategy desiredSize is 1 minus the chunks still queued, so 1 means
    // Bun has taken everything. Bytes are counted here rather than by a size() strategy,
    // because any custom strategy moves the stream off Bun's native path (about 4 KB more
    // per stream). Pending text is ASCII-heavy, so its length stands in for its bytes.
    const drained = (controller.desiredSize ?? 0) >= 1 && this.#pending === undefined;
    if (drained) this.#backlog = 0;
    this.#backlog += text.length;
    // A frame larger than the whole budget still goes out on a drained stream; what is
    // bounded is the backlog of a client that is not reading.
    if (!drained && this.#backlog > this.#maxBufferedBytes) {
      this.#finish("abort");
      return false;
    }
    const pending = this.#pending;
    if (pending === undefined) {
      this.#pending = frame;
      scheduleFlush(this);
    } else {
      this.#pending = (typeof pending === "string" ? pending : pending.text) + text;
    }
    return true;
  }

  /** Hands this turn's frames to the stream as one chunk. */
  flush(): void {
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending === undefined || this.#closed) return;
    this.#controller?.enqueue(typeof pending === "string" ? encoder.encode(pending) : pending.bytes);
  }

  #finish(how: "close" | "abort"): void {
    if (this.#closed) return;
    // A normal close still delivers what was written this turn; an abort drops it.
    if (how === "close") this.flush();
    this.#pending = undefined;
    this.#closed = true;
    this.#signal?.removeEventListener("abort", this);
    if (this.#heartbeatMs) this.#clock.remove(this.#heartbeatMs, this);
    try {
      // close() lets the queue drain; error() drops it and cuts the connection, which is the
      // point for a stuck client. Bun logs an error() reason as a server error, so none is given.
      if (how === "close") this.#controller?.close();
      else this.#controller?.error();
    } catch {
      // Already closed by the runtime after a client disconnect.
    }
    const callbacks = this.#onClose;
    this.#onClose = undefined;
    for (const callback of callbacks ?? []) {
      try {
        callback();
      } catch (error) {
        console.error("[realtime] SSE onClose callback threw", error);
      }
    }
  }
}

/** A `text/event-stream` Response whose body is written through the `SseStream` given to `start`. */
export function sseResponse(init: SseInit): Response {
  const writer = new SseWriter(init, init.maxBufferedBytes ?? 256 * 1024);
  const body = new ReadableStream<Chunk>(writer);
  const headers = new Headers(DEFAULT_HEADERS);
  for (const [name, value] of new Headers(init.headers)) headers.set(name, value);
  const response = new Response(body, { headers });
  let started: void | Promise<void>;
  try {
    started = init.start(writer);
  } catch (error) {
    writer.fail();
    throw error;
  }
  started?.catch((error: unknown) => {
    console.error("[realtime] SSE start failed", error);
    writer.fail();
  });
  return response;
}
