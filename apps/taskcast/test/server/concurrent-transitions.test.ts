/**
 * N concurrent terminal transitions over HTTP on every storage mode, split across two servers
 * sharing the store (two instances on one SQLite file, one Redis, one PostgreSQL): exactly one
 * 200, every other answer 409, one terminal status event, and the durable copy agrees.
 */
import { describe, expect, test } from "bun:test";
import { createLogger } from "@rt/kit";
import { serviceUrl } from "@rt/testkit";
import type { Task, TaskEvent } from "../../src/core/types.ts";
import { buildServer } from "../../src/server/build.ts";
import { type Stores, storeModes } from "../lifecycle/stores.ts";
import { useMigratedDatabase } from "../storage/postgres-db.ts";
import { call, createTask, transition } from "./helpers.ts";

const redisUrl = await serviceUrl("TEST_REDIS_URL");
const pgUrl = await serviceUrl("TEST_DATABASE_URL");
const database = useMigratedDatabase(pgUrl, "tc_race");

async function serve(stores: Stores) {
  const built = buildServer({ storage: stores, logger: createLogger({ level: "silent" }), ttl: "ignore" });
  const http = Bun.serve({ port: 0, fetch: built.fetch });
  return {
    base: `http://localhost:${http.port}`,
    built,
    close: async () => {
      await built.close();
      await http.stop(true);
    },
  };
}

const TERMINAL = ["completed", "failed", "cancelled", "timeout"] as const;

for (const mode of storeModes(redisUrl, pgUrl, database.sql)) {
  describe.skipIf(mode.skip)(`concurrent transitions: ${mode.name}`, () => {
    test("20 terminal transitions over two servers: exactly one 200, the rest 409", async () => {
      const { stores, restart } = await mode.open();
      const a = await serve(stores);
      const b = await serve(await restart());
      try {
        const task = await createTask(a.base);
        expect((await transition(b.base, task.id, "running")).status).toBe(200);
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            transition(i % 2 ? a.base : b.base, task.id, TERMINAL[i % TERMINAL.length] ?? "completed"),
          ),
        );
        const winners = answers.filter((answer) => answer.status === 200);
        expect(winners).toHaveLength(1);
        const [won] = winners;
        if (!won) throw new Error("no transition won");
        const winner = (won.body as Task).status;
        for (const answer of answers.filter((answer) => answer.status !== 200)) {
          expect(answer.status).toBe(409);
          expect((answer.body as { error: string }).error).toStartWith(
            `Invalid transition: ${winner} \u2192 `,
          );
        }
        await Promise.all([a.built.engine.settle(), b.built.engine.settle()]);
        const history = (await call(a.base, "GET", `/tasks/${task.id}/events/history`)).body as TaskEvent[];
        const statuses = history.filter((event) => event.type === "taskcast:status");
        expect(statuses.map((event) => event.data)).toEqual([{ status: "running" }, { status: winner }]);
        expect((await call(b.base, "GET", `/tasks/${task.id}`)).body).toMatchObject({ status: winner });
        if (stores.longTerm) expect((await stores.longTerm.getTask(task.id))?.status).toBe(winner);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
