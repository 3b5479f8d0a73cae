import { describe, expect, test } from "bun:test";
import { HTTP_STATUS_BY_KIND } from "../../src/core/errors.ts";
import { buildEvent, liveEvent, statusEventData, toPublicEvent } from "../../src/core/events.ts";
import type { BroadcastMessage } from "../../src/core/types.ts";

const message: BroadcastMessage = {
  id: "e1",
  taskId: "t",
  index: 4,
  timestamp: 9,
  type: "llm",
  level: "info",
  data: { delta: "b" },
  seriesId: "s",
  seriesMode: "accumulate",
  _accumulatedData: { delta: "ab" },
};

describe("client views of events", () => {
  test("toPublicEvent strips _accumulatedData", () => {
    expect(toPublicEvent(message)).not.toHaveProperty("_accumulatedData");
  });

  test("liveEvent: delta by default, running total when asked", () => {
    expect(liveEvent(message, "delta").data).toEqual({ delta: "b" });
    expect(liveEvent(message, "accumulated").data).toEqual({ delta: "ab" });
    expect(liveEvent({ ...message, seriesMode: "latest" }, "accumulated").data).toEqual({ delta: "b" });
    expect(liveEvent(message, "accumulated")).not.toHaveProperty("_accumulatedData");
  });

  test("buildEvent: contract key order, absent optionals omitted", () => {
    const event = buildEvent("t", 0, {
      id: "e",
      timestamp: 1,
      type: "x",
      level: "warn",
      data: null,
      seriesMode: "latest",
    });
    expect(Object.keys(event)).toEqual([
      "id",
      "taskId",
      "index",
      "timestamp",
      "type",
      "level",
      "data",
      "seriesMode",
    ]);
  });

  test("status data: error keys in message, code, details order", () => {
    const data = statusEventData("failed", undefined, { details: { a: 1 }, code: "E", message: "m" });
    expect(JSON.stringify(data)).toBe(
      '{"status":"failed","error":{"message":"m","code":"E","details":{"a":1}}}',
    );
  });
});

test("every error kind maps to a contract status", () => {
  expect(HTTP_STATUS_BY_KIND).toEqual({
    not_found: 404,
    invalid_transition: 409,
    conflict: 409,
    bad_request: 400,
    validation: 400,
    storage_precondition_failed: 409,
    storage_busy: 409,
    storage_integrity_error: 500,
    storage_unavailable: 503,
    storage_release_unsupported: 503,
  });
});
