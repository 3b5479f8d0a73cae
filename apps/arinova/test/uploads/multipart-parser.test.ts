import { describe, expect, test } from "bun:test";
import { boundaryOf, parseMultipart } from "../../src/uploads/multipart-parser.ts";

const encode = (text: string) => new TextEncoder().encode(text);
const body = (...parts: string[]) =>
  encode(`preamble\r\n${parts.map((p) => `--B\r\n${p}\r\n`).join("")}--B--\r\n`);

describe("parseMultipart", () => {
  test("keeps each file part's declared type, whatever its name says", () => {
    const form = parseMultipart(
      body(
        'Content-Disposition: form-data; name="caption"\r\n\r\nhello\r\nworld',
        'Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: IMAGE/JPEG; x=1\r\n\r\n\x00\x01',
        'Content-Disposition: form-data; name="other"; filename="noext"\r\n\r\nplain',
      ),
      "B",
    );
    expect(form?.fields.get("caption")).toBe("hello\r\nworld");
    expect(form?.files.map((f) => [f.field, f.filename, f.mimeType, [...f.bytes]])).toEqual([
      ["file", "a.png", "image/jpeg", [0, 1]],
      ["other", "noext", "text/plain", [...encode("plain")]],
    ]);
  });

  test("reads quoted, escaped and RFC 5987 file names", () => {
    const form = parseMultipart(
      body(
        'Content-Disposition: form-data; name="f"; filename="a \\"q\\"; b.txt"\r\n\r\nx',
        "Content-Disposition: form-data; name=g; filename*=UTF-8''%E2%82%AC%20rates.csv\r\n\r\ny",
      ),
      "B",
    );
    expect(form?.files.map((f) => f.filename)).toEqual(['a "q"; b.txt', "€ rates.csv"]);
  });

  test("refuses bodies that are not well-formed", () => {
    expect(parseMultipart(encode("no delimiter at all"), "B")).toBeUndefined();
    expect(
      parseMultipart(encode('--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated'), "B"),
    ).toBeUndefined();
    expect(parseMultipart(encode("--B\r\nno blank line"), "B")).toBeUndefined();
  });

  test("finds the boundary, quoted or not", () => {
    expect(boundaryOf("multipart/form-data; boundary=abc")).toBe("abc");
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(boundaryOf("multipart/form-data")).toBeUndefined();
  });
});
