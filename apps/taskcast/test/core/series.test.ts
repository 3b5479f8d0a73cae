import { describe, expect, test } from "bun:test";
import { accumulateData, accumulatedEvent, collapseAccumulateSeries } from "../../src/core/series.ts";
import type { TaskEvent } from "../../src/core/types.ts";

function ev(index: number, overrides: Partial<TaskEvent> = {}): TaskEvent {
  return {
    id: `e${index}`,
    taskId: "t",
    index,
    timestamp: index,
    type: "x",
    level: "info",
    data: null,
    ...overrides,
  };
}

describe("accumulateData", () => {
  test("concatenates the string field; other keys come from the newest data", () => {
    expect(accumulateData({ delta: "a", n: 1, keep: true }, { delta: "b", n: 2 }, "delta")).toEqual({
      delta: "ab",
      n: 2,
    });
  });

  test("anything else replaces the running value", () => {
    expect(accumulateData(undefined, { delta: "a" }, "delta")).toEqual({ delta: "a" });
    expect(accumulateData({ delta: 1 }, { delta: "b" }, "delta")).toEqual({ delta: "b" });
    expect(accumulateData({ delta: "a" }, { delta: 2 }, "delta")).toEqual({ delta: 2 });
    expect(accumulateData({ delta: "a" }, { other: "b" }, "delta")).toEqual({ other: "b" });
    expect(accumulateData(["a"], ["b"], "delta")).toEqual(["b"]);
    expect(accumulateData("a", "b", "delta")).toBe("b");
    expect(accumulateData({ text: "a" }, { text: "b" }, "delta")).toEqual({ text: "b" });
  });

  test("accumulatedEvent keeps the delta's identity and uses seriesAccField (default delta)", () => {
    const previous = ev(1, { data: { text: "a", delta: "x" } });
    const delta = ev(4, { data: { text: "b", delta: "y" }, seriesAccField: "text" });
    expect(accumulatedEvent(previous, delta)).toEqual({ ...delta, data: { text: "ab", delta: "y" } });
    expect(accumulatedEvent(previous, ev(5, { data: { delta: "z" } })).data).toEqual({ delta: "xz" });
  });
});

describe("collapseAccumulateSeries", () => {
  const acc = { seriesId: "s", seriesMode: "accumulate" as const };
  const events = [
    ev(0),
    ev(1, { ...acc, data: { delta: "a" } }),
    ev(2, { seriesId: "p", seriesMode: "latest", data: 1 }),
    ev(3, { ...acc, data: { delta: "b" } }),
    ev(4, { seriesId: "k", seriesMode: "keep-all" }),
  ];

  test("one snapshot per series at its first position, from the series-latest", () => {
    const latest = ev(3, { ...acc, data: { delta: "ab" } });
    const collapsed = collapseAccumulateSeries(events, new Map([["s", latest]]));
    expect(collapsed.map((e) => e.index)).toEqual([0, 3, 2, 4]);
    expect(collapsed[1]).toEqual({ ...latest, seriesSnapshot: true });
    expect(collapsed[2]).toEqual(events[2]!);
  });

  test("without a series-latest the last event of the series in the list is used", () => {
    const collapsed = collapseAccumulateSeries(events, new Map());
    expect(collapsed[1]).toEqual({ ...events[3]!, seriesSnapshot: true });
  });

  test("a series-latest of another mode is not a snapshot source", () => {
    const collapsed = collapseAccumulateSeries(
      events,
      new Map([["s", ev(9, { seriesId: "s", seriesMode: "latest" })]]),
    );
    expect(collapsed[1]?.index).toBe(3);
  });
});
