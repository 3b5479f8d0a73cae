import { describe, expect, test } from "bun:test";
import {
  createTaskSchema,
  parseInput,
  publishBodySchema,
  resolveSchema,
  transitionSchema,
} from "../../src/core/schemas.ts";

describe("createTaskSchema", () => {
  test("everything is optional; unknown keys are dropped", () => {
    expect(parseInput(createTaskSchema, { result: { ignored: true } })).toEqual({ ok: true, value: {} });
  });

  test("ttl and cost must be positive integers; enums are enforced", () => {
    for (const body of [
      { ttl: 0 },
      { ttl: 1.5 },
      { cost: 0 },
      { assignMode: "push" },
      { params: [] },
      { tags: [1] },
    ]) {
      const result = parseInput(createTaskSchema, body);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.kind).toBe("validation");
        expect(result.error.issues?.[0]?.path[0]).toBe(Object.keys(body)[0]);
      }
    }
  });

  test("a full body parses", () => {
    const body = {
      id: "job",
      type: "llm.chat",
      params: { a: 1 },
      metadata: { b: [1, null] },
      authConfig: { rules: [] },
      ttl: 60,
      webhooks: [{ url: "http://x" }],
      cleanup: { rules: [{ target: "all" }] },
      tags: ["gpu"],
      assignMode: "ws-race",
      cost: 2,
      disconnectPolicy: "fail",
    };
    const parsed: unknown = parseInput(createTaskSchema, body);
    expect(parsed).toEqual({ ok: true, value: body });
  });
});

describe("transitionSchema", () => {
  test("status is required and must be one of the nine", () => {
    expect(parseInput(transitionSchema, {}).ok).toBe(false);
    expect(parseInput(transitionSchema, { status: "done" }).ok).toBe(false);
    expect(parseInput(transitionSchema, { status: "assigned" }).ok).toBe(true);
  });

  test("error needs a message; blockedRequest data defaults to null", () => {
    expect(parseInput(transitionSchema, { status: "failed", error: { code: "E" } }).ok).toBe(false);
    expect(parseInput(transitionSchema, { status: "blocked", blockedRequest: { type: "input" } })).toEqual({
      ok: true,
      value: { status: "blocked", blockedRequest: { type: "input", data: null } },
    });
    expect(parseInput(transitionSchema, { status: "blocked", resumeAfterMs: 0 }).ok).toBe(false);
  });
});

describe("publishBodySchema", () => {
  test("one event or an array; type and level required; data optional", () => {
    expect(parseInput(publishBodySchema, { type: "x", level: "info" }).ok).toBe(true);
    expect(parseInput(publishBodySchema, [{ type: "x", level: "warn", data: [1] }]).ok).toBe(true);
    expect(parseInput(publishBodySchema, { type: "x" }).ok).toBe(false);
    expect(parseInput(publishBodySchema, { type: "x", level: "fatal" }).ok).toBe(false);
    expect(parseInput(publishBodySchema, { type: "x", level: "info", seriesMode: "append" }).ok).toBe(false);
  });
});

describe("resolveSchema", () => {
  test("an object whose data may be missing", () => {
    expect(parseInput(resolveSchema, {})).toEqual({ ok: true, value: {} });
    expect(parseInput(resolveSchema, { data: "yes" })).toEqual({ ok: true, value: { data: "yes" } });
    expect(parseInput(resolveSchema, "yes").ok).toBe(false);
  });
});
