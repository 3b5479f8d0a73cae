import { describe, expect, test } from "bun:test";
import { formatSseComment, formatSseFrame } from "../src/sse-frame.ts";

describe("formatSseFrame", () => {
  test("writes event, data, id in that order and ends with a blank line", () => {
    expect(formatSseFrame({ id: "7", data: "hello", event: "greeting" })).toBe(
      "event: greeting\ndata: hello\nid: 7\n\n",
    );
  });

  test("omits absent fields", () => {
    expect(formatSseFrame({ data: "only data" })).toBe("data: only data\n\n");
    expect(formatSseFrame({ data: "", id: "1" })).toBe("data: \nid: 1\n\n");
  });

  test("splits multi-line data on LF, CRLF and CR into several data lines", () => {
    expect(formatSseFrame({ data: "a\nb\r\nc\rd" })).toBe("data: a\ndata: b\ndata: c\ndata: d\n\n");
    expect(formatSseFrame({ data: '{"x":1}\n' })).toBe('data: {"x":1}\ndata: \n\n');
  });

  test("refuses an event or id that would break the framing", () => {
    expect(() => formatSseFrame({ event: "a\nb", data: "x" })).toThrow(TypeError);
    expect(() => formatSseFrame({ id: "1\r", data: "x" })).toThrow(TypeError);
    expect(() => formatSseFrame({ id: "1\0", data: "x" })).toThrow(TypeError);
  });
});

describe("formatSseComment", () => {
  test("is a colon, the text and a blank line", () => {
    expect(formatSseComment("keepalive")).toBe(":keepalive\n\n");
    expect(formatSseComment("")).toBe(":\n\n");
    expect(formatSseComment("two\nlines")).toBe(":two\n:lines\n\n");
  });
});
