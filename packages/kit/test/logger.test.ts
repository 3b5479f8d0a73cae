import { expect, test } from "bun:test";
import { createLogger, defaultLogLevel, memorySink } from "../src/index.ts";

const fixed = () => new Date("2025-01-02T03:04:05.000Z");

test("writes one JSON object per line with time, level, msg first", () => {
  const out = memorySink();
  const log = createLogger({ level: "info", sink: out.sink, now: fixed });
  log.info("listening", { port: 3000 });
  expect(out.lines).toEqual([
    '{"time":"2025-01-02T03:04:05.000Z","level":"info","msg":"listening","port":3000}',
  ]);
});

test("drops lines below the level", () => {
  const out = memorySink();
  const log = createLogger({ level: "warn", sink: out.sink });
  log.debug("d");
  log.info("i");
  log.warn("w");
  log.error("e");
  expect(out.records().map((r) => r.msg)).toEqual(["w", "e"]);
  expect(log.enabled("info")).toBe(false);
  expect(log.enabled("error")).toBe(true);
});

test("child loggers bind fields; fields cannot overwrite the envelope", () => {
  const out = memorySink();
  const log = createLogger({ level: "debug", sink: out.sink, fields: { app: "kit" } });
  log.child({ requestId: "r1" }).child({ user: "u" }).debug("hello", { level: "bogus", extra: 1 });
  expect(out.records()[0]).toMatchObject({
    level: "debug",
    msg: "hello",
    app: "kit",
    requestId: "r1",
    user: "u",
  });
});

test("errors are serialised with message and stack; circular fields don't throw", () => {
  const out = memorySink();
  const log = createLogger({ level: "info", sink: out.sink });
  log.error("boom", { error: new Error("bad thing") });
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  log.error("loop", { circular });
  const [first, second] = out.records();
  expect(first?.error).toMatchObject({ name: "Error", message: "bad thing" });
  expect(JSON.stringify(first?.error)).toContain("stack");
  expect(second).toMatchObject({ level: "error", msg: "loop" });
});

test("default level: LOG_LEVEL, else warn under test, else info", () => {
  expect(defaultLogLevel({ LOG_LEVEL: "DEBUG" })).toBe("debug");
  expect(defaultLogLevel({ NODE_ENV: "test" })).toBe("warn");
  expect(defaultLogLevel({ LOG_LEVEL: "nonsense", NODE_ENV: "production" })).toBe("info");
});
