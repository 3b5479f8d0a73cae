import { describe, expect, test } from "bun:test";
import { copyValue } from "../../src/storage/memory/copy.ts";

describe("copyValue (the memory stores' deep copy)", () => {
  test("copies plain data deeply, as structuredClone does", () => {
    const value = { a: 1, b: "x", c: null, d: [1, { e: true }], f: { g: { h: [] } }, u: undefined };
    const copy = copyValue(value);
    expect(copy).toEqual(structuredClone(value));
    expect(Object.keys(copy)).toEqual(Object.keys(value));
    expect(copy).not.toBe(value);
    expect(copy.d).not.toBe(value.d);
    expect(copy.d[1]).not.toBe(value.d[1]);
    expect(copy.f.g).not.toBe(value.f.g);
    expect("u" in copy).toBe(true);
  });

  test("keeps an own __proto__ key a key", () => {
    const value = JSON.parse('{"__proto__":{"x":1},"y":2}') as Record<string, unknown>;
    const copy = copyValue(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(value));
  });

  test("leaves anything else to structuredClone", () => {
    const date = new Date(5);
    const sparse = [1, 2, 3];
    delete sparse[1];
    const copy = copyValue({ date, map: new Map([[1, 2]]), sparse });
    expect(copy.date).toBeInstanceOf(Date);
    expect(copy.date).not.toBe(date);
    expect(copy.map.get(1)).toBe(2);
    expect(1 in copy.sparse).toBe(false);
    expect(() => copyValue({ f: () => 1 })).toThrow();
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const cyclicCopy = copyValue(cyclic);
    expect(cyclicCopy.self).toBe(cyclicCopy);
  });
});
