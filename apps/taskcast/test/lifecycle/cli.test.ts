/** The real `taskcast start` runs TTLs and cleanup rules on its sweep interval. */
import { expect, test } from "bun:test";
import { json, scratch, startServer } from "../cli/helpers.ts";

test("sqlite mode: a TTL of 1 s times the task out; cleanup.rules delete cancelled tasks", async () => {
  const dir = scratch();
  dir.file(
    "taskcast.config.yaml",
    [
      "cleanup:",
      "  rules:",
      "    - match: { status: [cancelled] }",
      "      trigger: { afterMs: 0 }",
      "      target: all",
    ].join("\n"),
  );
  const { server, base } = await startServer(["-s", "sqlite", "--db-path", `${dir.dir}/t.db`], {
    cwd: dir.dir,
    env: { TASKCAST_TTL_SWEEP_INTERVAL_SECONDS: "1" },
  });
  const timed = (await json(base, "POST", "/tasks", { ttl: 1 })).body;
  const cancelled = (await json(base, "POST", "/tasks", {})).body;
  await json(base, "PATCH", `/tasks/${cancelled.id}/status`, { status: "cancelled" });
  const deadline = Date.now() + 8_000;
  let status = "";
  let gone = 200;
  while (Date.now() < deadline && (status !== "timeout" || gone !== 404)) {
    await Bun.sleep(100);
    status = String((await json(base, "GET", `/tasks/${timed.id}`)).body.status);
    gone = (await json(base, "GET", `/tasks/${cancelled.id}`)).status;
  }
  expect(status).toBe("timeout");
  expect(gone).toBe(404);
  await server.stop();
}, 15_000);
