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
   * a few hundred bytes per idle stream (bench/sse-idle.ts with BENCH_SIGNAL=on).
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

/**
 * Bun's direct stream controller, which for a served response is the response sink. `write`
 * returns the bytes taken or, while the client is not reading fast enough, one pending
 * promise per backpressure episode that resolves when the sink has drained.
 */
type ResponseSink = ReadableStreamDirectController;

/**
 * Frames written during one event-loop turn leave as one write per stream, so
 * a burst of events (a fan-out, a replay) becomes one socket write per subscriber. One
 * immediate serves every stream.
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
  lastBatch = undefined;
  lastBatchBytes = undefined;
}

/**
 * A turn's prepared frames, encoded as one buffer. A fan-out leaves the same frames, in the
 * same order, pending on many streams, and they flush one after another: the streams after
 * the first reuse its buffer instead of each encoding (and Bun copying) the same text again.
 */
let lastBatch: PreparedSseFrame[] | undefined;
let lastBatchBytes: Uint8Array<ArrayBuffer> | undefined;

function sameFrames(a: readonly PreparedSseFrame[], b: readonly PreparedSseFrame[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function batchBytes(frames: PreparedSseFrame[]): Uint8Array<ArrayBuffer> {
  if (lastBatchBytes && lastBatch && sameFrames(lastBatch, frames)) return lastBatchBytes;
  let length = 0;
  for (const frame of frames) length += frame.bytes.length;
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const frame of frames) {
    bytes.set(frame.bytes, offset);
    offset += frame.bytes.length;
  }
  lastBatch = frames;
  lastBatchBytes = bytes;
  return bytes;
}

/** What a turn left pending: text, one prepared frame, or several prepared frames. */
type Pending = string | PreparedSseFrame | PreparedSseFrame[];

function pendingLength(pending: Pending): number {
  if (!Array.isArray(pending)) return typeof pending === "string" ? pending.length : pending.text.length;
  let length = 0;
  for (const frame of pending) length += frame.text.length;
  return length;
}

function pendingText(pending: Pending): string {
  if (typeof pending === "string") return pending;
  if (pending instanceof PreparedSseFrame) return pending.text;
  let text = "";
  for (const frame of pending) text += frame.text;
  return text;
}

/**
 * The stream behind one SSE response. It is its own direct ReadableStream source (Bun hands
 * `pull` the response sink, and frames are written straight to it with no JavaScript queue
 * or pump) and its own abort listener, with no closures per stream: an idle stream costs
 * this object plus Bun's native response, about 3.7 KB in all (bench/sse-idle.ts), where a
 * default ReadableStream body cost about 4.6 KB.
 */
class SseWriter implements SseStream, Beating {
  #sink: ResponseSink | undefined;
  /**
   * Bytes written since the sink was last seen drained, including this turn's pending ones:
   * an upper bound of what is waiting for the client.
   */
  #backlog = 0;
  /** The sink's pending write promise while the client is behind; undefined when drained. */
  #blocked: Promise<number> | undefined;
  #onClose: Array<() => void> | undefined;
  /**
   * Frames written this turn, not yet handed to the sink; undefined while idle. Prepared
   * frames stay as they are (alone or as a list), so their shared bytes can go out without
   * re-encoding; anything else makes the turn's frames plain text.
   */
  #pending: Pending | undefined;
  /** Set on close; "cut" when the connection is to be dropped rather than ended. */
  #ending: "end" | "cut" | "gone" | undefined;
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

  /** Makes this a direct underlying source; a getter, so it costs no field per stream. */
  get type(): "direct" {
    return "direct";
  }

  get closed(): boolean {
    return this.#ending !== undefined;
  }

  /** Runs once, before `start`, when the response is built. */
  open(): void {
    if (this.#signal?.aborted) {
      this.#finish("gone");
      return;
    }
    this.#signal?.addEventListener("abort", this);
    if (this.#heartbeatMs) this.#clock.add(this.#heartbeatMs, this);
  }

  /**
   * Bun calls this once it sends the response (again per read for an in-process reader).
   * Returning nothing keeps the stream open until the sink is closed.
   */
  pull(sink: ResponseSink): void {
    if (this.#sink === sink) return;
    this.#sink = sink;
    // Frames written before Bun asked for the body go out now; so does an early close.
    this.flush();
    if (this.#ending) this.#closeSink();
  }

  /** Bun calls this when the client disconnects. */
  cancel(): void {
    this.#finish("gone");
  }

  /** The signal's abort event. */
  handleEvent(): void {
    this.#finish("gone");
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
    this.#finish("end");
  }

  onClose(callback: () => void): void {
    if (this.#ending) {
      callback();
      return;
    }
    if (this.#onClose) this.#onClose.push(callback);
    else this.#onClose = [callback];
  }

  /** Drops the connection because `start` failed asynchronously. */
  fail(): void {
    this.#finish("cut");
  }

  #write(frame: string | PreparedSseFrame): boolean {
    if (this.#ending) return false;
    const text = typeof frame === "string" ? frame : frame.text;
    // Pending text is ASCII-heavy, so its length stands in for its bytes.
    this.#backlog += text.length;
    // A frame larger than the whole budget still goes out to a client that keeps up; what
    // is bounded is the backlog of a client that is not reading.
    if (this.#blocked && this.#backlog > this.#maxBufferedBytes) {
      this.#finish("cut");
      return false;
    }
    const pending = this.#pending;
    if (pending === undefined) {
      this.#pending = frame;
      scheduleFlush(this);
      return true;
    }
    if (typeof frame !== "string" && typeof pending !== "string") {
      if (Array.isArray(pending)) pending.push(frame);
      else this.#pending = [pending, frame];
    } else {
      this.#pending = pendingText(pending) + text;
    }
    return true;
  }

  /** Hands this turn's frames to the sink as one write. */
  flush(): void {
    const sink = this.#sink;
    const pending = this.#pending;
    // Before Bun asks for the body the frames wait; `pull` flushes them.
    if (pending === undefined || !sink) return;
    this.#pending = undefined;
    // No flush() here: Bun flushes a response sink that has buffered bytes once per
    // event-loop tick by itself, which costs less CPU than a flush per stream
    // (bench/taskcast-throughput.ts).
    const written = sink.write(
      typeof pending === "string"
        ? pending
        : pending instanceof PreparedSseFrame
          ? pending.bytes
          : batchBytes(pending),
    );
    if (typeof written === "number") {
      this.#backlog = 0;
    } else if (written !== this.#blocked) {
      this.#blocked = written;
      written.then(
        () => this.#drained(written),
        () => this.#drained(written),
      );
    }
  }

  #drained(episode: Promise<number>): void {
    if (this.#blocked !== episode) return;
    this.#blocked = undefined;
    // What is still waiting is this turn's frames, if any.
    const pending = this.#pending;
    this.#backlog = pending === undefined ? 0 : pendingLength(pending);
  }

  #closeSink(): void {
    try {
      // A plain close lets what the sink holds drain. Bun drops the connection only when
      // close is given an error, and logs that error, so it is kept for a stuck client and a
      // failed start. A client that went away, or an aborted signal, gets a plain close.
      if (this.#ending === "cut")
        this.#sink?.close(new Error("SSE stream dropped: client not reading or start failed"));
      else this.#sink?.close();
    } catch {
      // Already closed by the runtime after a client disconnect.
    }
  }

  #finish(how: "end" | "cut" | "gone"): void {
    if (this.#ending) return;
    // A normal close still delivers what was written this turn; otherwise it is dropped.
    if (how === "end") this.flush();
    else this.#pending = undefined;
    this.#ending = how;
    this.#signal?.removeEventListener("abort", this);
    if (this.#heartbeatMs) this.#clock.remove(this.#heartbeatMs, this);
    if (this.#sink) this.#closeSink();
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
  // Checked against Bun's direct-source type; the DOM typing in use has no such overload.
  const source: Bun.DirectUnderlyingSource = writer;
  const body = new ReadableStream(source as unknown as UnderlyingDefaultSource<Uint8Array>);
  writer.open();
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
