/** TTL timeouts and cleanup rules on every storage mode, driven by a manual clock. */
import { describe, expect, test } from "bun:test";
import { serviceUrl } from "@rt/testkit";
import { ManualClock } from "../../src/core/clock.ts";
import { TaskcastEngine } from "../../src/core/engine/engine.ts";
import type { CreateTaskInput } from "../../src/core/schemas.ts";
import type { CleanupRule, TaskEvent } from "../../src/core/types.ts";
import { unwrap } from "../core/helpers.ts";
import { useMigratedDatabase } from "../storage/postgres-db.ts";
import { type Stores, storeModes } from "./stores.ts";

const redisUrl = await serviceUrl("TEST_REDIS_URL");
const pgUrl = await serviceUrl("TEST_DATABASE_URL");
const database = useMigratedDatabase(pgUrl, "tc_life");

const engineOn = (stores: Stores, clock: ManualClock) =>
  new TaskcastEngine({ ...stores, clock, ttl: "timeout" });
const types = (events: TaskEvent[]) => events.map((event) => event.type);

for (const mode of storeModes(redisUrl, pgUrl, database.sql)) {
  describe.skipIf(mode.skip)(`TTL and cleanup: ${mode.name}`, () => {
    test("a task past its TTL times out, pending or running, and a restarted server still does it", async () => {
      const { stores, restart } = await mode.open();
      const clock = new ManualClock(Date.now());
      const engine = engineOn(stores, clock);
      const pending = unwrap(await engine.createTask({ ttl: 2 }));
      const running = unwrap(await engine.createTask({ ttl: 5 }));
      unwrap(await engine.transition(running.id, "running"));
      const untimed = unwrap(await engine.createTask({}));
      clock.advance(1_999);
      expect((await engine.tick()).timedOut).toEqual([]);
      clock.advance(1);
      expect((await engine.tick()).timedOut).toEqual([pending.id]);
      expect((await engine.getTask(pending.id))?.status).toBe("timeout");
      const history = unwrap(await engine.getHistory(pending.id));
      expect(history.at(-1)).toMatchObject({ type: "taskcast:status", data: { status: "timeout" } });

      // A new process knows no deadlines: it adopts them from the stored tasks.
      await engine.settle();
      const after = engineOn(await restart(), clock);
      clock.advance(3_000);
      expect((await after.tick()).timedOut).toEqual([running.id]);
      expect((await after.getTask(running.id))?.status).toBe("timeout");
      expect((await after.getTask(untimed.id))?.status).toBe("pending");
      await after.settle();
    });

    test("cleanup rules: events filter, whole tasks after afterMs, a task's own rules first", async () => {
      const { stores } = await mode.open();
      const clock = new ManualClock(Date.now());
      const engine = engineOn(stores, clock);
      const rules: CleanupRule[] = [
        {
          match: { status: ["completed"] },
          trigger: { afterMs: 0 },
          target: "events",
          eventFilter: { levels: ["debug"] },
        },
        {
          match: { status: ["completed"], taskTypes: ["job.*"] },
          trigger: { afterMs: 60_000 },
          target: "all",
        },
      ];
      const finish = async (type: string, cleanup?: CreateTaskInput["cleanup"]) => {
        const task = unwrap(await engine.createTask({ type, ...(cleanup ? { cleanup } : {}) }));
        unwrap(await engine.transition(task.id, "running"));
        unwrap(await engine.publishEvent(task.id, { type: "log", level: "debug", data: 1 }));
        unwrap(await engine.publishEvent(task.id, { type: "out", level: "info", data: 2 }));
        unwrap(await engine.transition(task.id, "completed"));
        return task.id;
      };
      const job = await finish("job.render");
      const chat = await finish("chat");
      const own = await finish("job.other", { rules: [{ trigger: {}, target: "task" }] });
      const live = unwrap(await engine.createTask({ type: "job.render" }));

      const first = await engine.cleanup(rules);
      expect(first.tasksDeleted).toEqual([own]);
      expect(first.eventsDeleted).toBe(2);
      expect(await engine.getTask(own)).toBeNull();
      expect(types(unwrap(await engine.getHistory(chat)))).toEqual([
        "taskcast:status",
        "out",
        "taskcast:status",
      ]);
      expect(await stores.longTerm?.getTask(own)).toBeFalsy();

      clock.advance(60_000);
      const second = await engine.cleanup(rules);
      expect(second.tasksDeleted).toEqual([job]);
      expect(await engine.getTask(job)).toBeNull();
      expect(await stores.shortTerm.getEvents(job)).toEqual([]);
      expect((await stores.longTerm?.getEvents(job)) ?? []).toEqual([]);
      expect(await engine.getTask(chat)).not.toBeNull();
      expect((await engine.getTask(live.id))?.status).toBe("pending");
      if (stores.longTerm) {
        expect(types(await stores.longTerm.getEvents(chat))).toEqual([
          "taskcast:status",
          "out",
          "taskcast:status",
        ]);
      }
    });
  });
}
