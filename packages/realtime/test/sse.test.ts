import { afterEach, describe, expect, test } from "bun:test";
import { connect, type Socket } from "node:net";
import type { Server } from "bun";
import { type SseInit, type SseStream, sseResponse } from "../src/sse.ts";
import { type PreparedSseFrame, prepareSseFrame } from "../src/sse-frame.ts";
import { eventually, withTimeout } from "./helpers.ts";

type Route = (req: Request) => Response;

describe("sseResponse", () => {
  const servers: Server<undefined>[] = [];
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await Promise.all(servers.splice(0).map((server) => server.stop(true)));
  });

  const serve = (route: Route): string => {
    const server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: route });
    servers.push(server);
    return `http://127.0.0.1:${server.port}`;
  };

  /** Serves one SSE endpoint and hands each stream to the test as soon as it exists. */
  const serveStreams = (init: Omit<SseInit, "start" | "signal">, useRequestSignal = true) => {
    const streams: SseStream[] = [];
    const base = serve((req) =>
      sseResponse({
        ...init,
        signal: useRequestSignal ? req.signal : undefined,
        start: (stream) => void streams.push(stream),
      }),
    );
    return { base, streams };
  };

  /** Reads the body until `done` holds for the text received so far. */
  const readUntil = async (body: ReadableStream<Uint8Array>, done: (text: string) => boolean) => {
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!done(text)) {
      const chunk = await withTimeout(reader.read(), 2000, `more SSE bytes after ${JSON.stringify(text)}`);
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    return { text, reader };
  };

  test("a fetch client reads the exact frame bytes and the default headers", async () => {
    const base = serve((req) =>
      sseResponse({
        signal: req.signal,
        start(stream) {
          stream.send({ event: "status", data: "line one\nline two", id: "41" });
          stream.comment("keepalive");
          stream.send({ data: '{"ok":true}' });
          stream.close();
        },
      }),
    );
    const response = await fetch(`${base}/events`);
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(await response.text()).toBe(
      'event: status\ndata: line one\ndata: line two\nid: 41\n\n:keepalive\n\ndata: {"ok":true}\n\n',
    );
  });

  test("prepared frames written in one turn reach every stream intact, with text frames among them", async () => {
    const frames = [1, 2, 3].map((n) =>
      prepareSseFrame({ event: "e", data: `{"n":${n},"s":"é✓"}`, id: `${n}` }),
    );
    const { base, streams } = serveStreams({});
    // The headers go out with the first bytes, so the responses are awaited after writing.
    const responses = [0, 1, 2].map(() => fetch(base));
    await eventually(() => streams.length === 3, "streams started");
    const expected = (stream: number) => {
      let text = frames.map((f) => f.text).join("");
      if (stream === 1) text = `${frames[0]?.text}:hi\n\n${frames[1]?.text}${frames[2]?.text}`;
      if (stream === 2)
        text = [...frames]
          .reverse()
          .map((f) => f.text)
          .join("");
      return `${text}${frames[0]?.text}`;
    };
    // One turn: the same three frames on two streams, with a comment among them on the second,
    // in reverse order on the third.
    streams.forEach((stream, i) => {
      for (const [n, frame] of (i === 2 ? [...frames].reverse() : frames).entries()) {
        if (i === 1 && n === 1) stream.comment("hi");
        stream.send(frame);
      }
    });
    const bodies = (await Promise.all(responses)).map((r) => r.body as ReadableStream<Uint8Array>);
    // A later turn: a lone prepared frame.
    await Bun.sleep(5);
    for (const stream of streams) stream.send(frames[0] as PreparedSseFrame);
    const texts = await Promise.all(
      bodies.map((body, i) => readUntil(body, (text) => text.length >= expected(i).length)),
    );
    texts.forEach(({ text, reader }, i) => {
      expect(text).toBe(expected(i));
      void reader.cancel();
    });
  });

  test("callers can add and override headers", async () => {
    const base = serve(() =>
      sseResponse({
        headers: { "cache-control": "no-store", "x-accel-buffering": "no" },
        start: (stream) => stream.close(),
      }),
    );
    const response = await fetch(base);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-accel-buffering")).toBe("no");
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    await response.text();
  });

  test("sends heartbeat comments every heartbeatMs", async () => {
    const { base, streams } = serveStreams({ heartbeatMs: 20, heartbeatComment: "ping" });
    const response = await fetch(base);
    const { text, reader } = await readUntil(response.body ?? new ReadableStream(), (seen) =>
      seen.startsWith(":ping\n\n:ping\n\n"),
    );
    expect(text.startsWith(":ping\n\n:ping\n\n")).toBe(true);
    await reader.cancel();
    streams[0]?.close();
  });

  // Without the request signal, Bun cancelling the body stream is what notices the abort.
  test.each([
    ["with", true],
    ["without", false],
  ])("a client abort stops the writer and runs onClose (%s the request signal)", async (_, useSignal) => {
    const { base, streams } = serveStreams({ heartbeatMs: 10 }, useSignal);
    const client = new AbortController();
    const response = await fetch(base, { signal: client.signal });
    await eventually(() => streams.length === 1, "stream started");
    const stream = streams[0] as SseStream;
    const closed = new Promise<void>((resolve) => stream.onClose(resolve));
    expect(stream.send({ data: "first" })).toBe(true);
    await readUntil(response.body ?? new ReadableStream(), (seen) => seen.includes("data: first\n\n"));

    client.abort();
    await withTimeout(closed, 2000, "onClose after abort");
    expect(stream.closed).toBe(true);
    expect(stream.send({ data: "too late" })).toBe(false);
    let lateCallback = false;
    stream.onClose(() => {
      lateCallback = true;
    });
    expect(lateCallback).toBe(true);
  });

  test("closes a client that stops reading once maxBufferedBytes are queued", async () => {
    const { base, streams } = serveStreams({ maxBufferedBytes: 64 * 1024 });
    const { port } = new URL(base);
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n");
    });
    sockets.push(socket);
    socket.once("data", () => socket.pause());
    await eventually(() => streams.length === 1, "stream started");
    const stream = streams[0] as SseStream;
    let closedBy = "";
    stream.onClose(() => {
      closedBy = "onClose";
    });

    const frame = { data: "x".repeat(16 * 1024) };
    let sent = 0;
    // The kernel's socket buffers absorb a few MB first; 64 MB is a generous upper bound.
    while (!stream.closed && sent < 4096) {
      stream.send(frame);
      sent++;
      if (sent % 8 === 0) await Bun.sleep(1);
    }
    expect(stream.closed).toBe(true);
    expect(closedBy).toBe("onClose");
    expect(stream.send(frame)).toBe(false);
  });

  test("a reading client is not dropped when its total traffic exceeds maxBufferedBytes", async () => {
    const { base, streams } = serveStreams({ maxBufferedBytes: 8 * 1024 });
    // Bun sends the response head with the first chunk, so fetch resolves only after a send.
    const responded = fetch(base);
    await eventually(() => streams.length === 1, "stream started");
    const stream = streams[0] as SseStream;
    for (let i = 0; i < 20; i++) {
      expect(stream.send({ data: "y".repeat(900) })).toBe(true);
      await Bun.sleep(1);
    }
    stream.close();
    const text = await (await responded).text();
    expect(text.split("\n\n").filter(Boolean)).toHaveLength(20);
  });

  test("an async start failure ends the stream", async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      const base = serve(() =>
        sseResponse({
          async start(stream) {
            stream.send({ data: "before" });
            await Bun.sleep(5);
            throw new Error("storage down");
          },
        }),
      );
      const response = await fetch(base);
      await expect(response.text()).rejects.toThrow();
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
