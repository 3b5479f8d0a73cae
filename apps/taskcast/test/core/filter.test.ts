import { describe, expect, test } from "bun:test";
import { matchesFilter, matchesType, matchesTypes } from "../../src/core/filter.ts";

describe("type patterns", () => {
  test.each([
    ["llm.delta", "*", true],
    ["taskcast:status", "*", true],
    ["llm.delta.chunk", "llm.*", true],
    ["llm.delta", "llm.*", true],
    ["llm", "llm.*", false],
    ["llmx.delta", "llm.*", false],
    ["llm.delta", "llm.delta", true],
    ["llm.delta", "llm", false],
    ["taskcast:status", "taskcast:*", false],
  ])("%s vs %s → %s", (type, pattern, expected) => {
    expect(matchesType(type, pattern)).toBe(expected);
  });

  test("absent list matches all, empty list matches nothing", () => {
    expect(matchesTypes("a", undefined)).toBe(true);
    expect(matchesTypes("a", [])).toBe(false);
    expect(matchesTypes("a", ["b", "a"])).toBe(true);
  });
});

describe("matchesFilter", () => {
  const status = { type: "taskcast:status", level: "info" as const };
  const log = { type: "log", level: "warn" as const };

  test("levels: absent = all, empty = none", () => {
    expect(matchesFilter(log, {})).toBe(true);
    expect(matchesFilter(log, { levels: [] })).toBe(false);
    expect(matchesFilter(log, { levels: ["warn", "error"] })).toBe(true);
    expect(matchesFilter(log, { levels: ["info"] })).toBe(false);
  });

  test("includeStatus=false drops only taskcast:status", () => {
    expect(matchesFilter(status, { includeStatus: false })).toBe(false);
    expect(matchesFilter(status, { includeStatus: true })).toBe(true);
    expect(matchesFilter({ type: "taskcast:blocked", level: "info" }, { includeStatus: false })).toBe(true);
  });

  test("all conditions must hold", () => {
    expect(matchesFilter(log, { types: ["log"], levels: ["info"] })).toBe(false);
    expect(matchesFilter(log, { types: ["*"], levels: ["warn"] })).toBe(true);
  });
});
