import { describe, expect, test } from "bun:test";
import { canTransition, isSuspended, isTerminal } from "../../src/core/state-machine.ts";
import { TASK_STATUSES, type TaskStatus } from "../../src/core/types.ts";
import { setup, taskIn } from "./helpers.ts";

// core.md §2.1, transcribed row by row: columns pending..cancelled in TASK_STATUSES order.
const TABLE: Record<TaskStatus, string> = {
  pending: "-xxx---xx",
  assigned: "x-xx---xx",
  running: "---xxxxxx",
  paused: "-xx-x--xx",
  blocked: "-xxx--xxx",
  completed: "---------",
  failed: "---------",
  timeout: "---------",
  cancelled: "---------",
};

const pairs = TASK_STATUSES.flatMap((from) =>
  TASK_STATUSES.map((to, column) => ({ from, to, allowed: TABLE[from][column] === "x" })),
);

describe("transition table", () => {
  test.each(pairs)("$from → $to allowed=$allowed", ({ from, to, allowed }) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  test("terminal and suspended sets", () => {
    expect(TASK_STATUSES.filter(isTerminal)).toEqual(["completed", "failed", "timeout", "cancelled"]);
    expect(TASK_STATUSES.filter(isSuspended)).toEqual(["paused", "blocked"]);
  });
});

describe("engine enforces every pair", () => {
  test.each(pairs)("$from → $to", async ({ from, to, allowed }) => {
    const { engine } = setup();
    const task = await taskIn(engine, from);
    const result = await engine.transition(task.id, to);
    if (allowed) {
      expect(result.ok && result.value.status).toBe(to);
    } else {
      expect(result).toEqual({
        ok: false,
        error: { kind: "invalid_transition", message: `Invalid transition: ${from} \u2192 ${to}` },
      });
      expect((await engine.getTask(task.id))?.status).toBe(from);
    }
  });
});
