import { describe, expect, test } from "bun:test";
import { toEnvelope } from "../../src/core/events.ts";
import { decideBuffered, planReplay, terminalStatusOf } from "../../src/core/replay.ts";
import type { TaskEvent } from "../../src/core/types.ts";

function ev(index: number, type = "log", data: TaskEvent["data"] = null): TaskEvent {
  return { id: `e${index}`, taskId: "t", index, timestamp: index, type, level: "info", data };
}

const events = [ev(0, "taskcast:status", { status: "running" }), ev(1), ev(2, "other"), ev(3), ev(4)];

describe("planReplay", () => {
  test("numbers matching events and continues live numbering after them", () => {
    const plan = planReplay(events, { types: ["log"] });
    expect(plan.send.map((n) => [n.filteredIndex, n.event.index])).toEqual([
      [0, 1],
      [1, 3],
      [2, 4],
    ]);
    expect(plan.nextFilteredIndex).toBe(3);
    expect(plan.highestIndex).toBe(4);
  });

  test("since.index skips by filtered index, not raw index", () => {
    const plan = planReplay(events, { includeStatus: false }, 1);
    expect(plan.send.map((n) => [n.filteredIndex, n.event.index])).toEqual([
      [2, 3],
      [3, 4],
    ]);
    expect(plan.nextFilteredIndex).toBe(4);
  });
});

describe("decideBuffered", () => {
  const plan = planReplay([ev(0), ev(2)], {});
  test("skips replayed and older events, flags conflicting duplicates", () => {
    expect(decideBuffered(ev(2), plan, {})).toBe("skip");
    expect(decideBuffered({ ...ev(2), id: "other" }, plan, {})).toBe("conflict");
    expect(decideBuffered(ev(1), plan, {})).toBe("skip");
    expect(decideBuffered(ev(3), plan, {})).toBe("send");
    expect(decideBuffered(ev(3), plan, { types: [] })).toBe("skip");
  });
});

describe("terminalStatusOf", () => {
  test("only terminal taskcast:status events end a stream", () => {
    expect(terminalStatusOf(ev(0, "taskcast:status", { status: "completed" }))).toBe("completed");
    expect(terminalStatusOf(ev(0, "taskcast:status", { status: "running" }))).toBeUndefined();
    expect(terminalStatusOf(ev(0, "log", { status: "failed" }))).toBeUndefined();
    expect(terminalStatusOf(ev(0, "taskcast:status", null))).toBeUndefined();
  });
});

describe("toEnvelope", () => {
  test("key order of the contract; optional fields only when present", () => {
    const envelope = toEnvelope(
      { ...ev(7), seriesId: "s", seriesMode: "accumulate", seriesSnapshot: true },
      3,
    );
    expect(Object.keys(envelope)).toEqual([
      "filteredIndex",
      "rawIndex",
      "eventId",
      "taskId",
      "type",
      "timestamp",
      "level",
      "data",
      "seriesId",
      "seriesMode",
      "seriesSnapshot",
    ]);
    expect(envelope).toMatchObject({ filteredIndex: 3, rawIndex: 7, eventId: "e7" });
  });
});
