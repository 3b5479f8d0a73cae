/** Webhooks configured in the config file of the real `taskcast start`. */
import { afterAll, expect, test } from "bun:test";
import { json, scratch, startServer } from "../cli/helpers.ts";
import { Receiver } from "./receiver.ts";

const hook = new Receiver("from-config");
afterAll(() => hook.stop());

test("config `webhooks` with `webhook.defaultRetry` and `webhook.allowPrivateTargets`", async () => {
  const dir = scratch();
  dir.file(
    "taskcast.config.json",
    JSON.stringify({
      webhook: {
        allowPrivateTargets: true,
        defaultRetry: { retries: 1, backoff: "fixed", initialDelayMs: 10 },
      },
      webhooks: [{ url: hook.url, secret: "from-config", filter: { types: ["done.*"] } }],
    }),
  );
  hook.answers = [502];
  const { server, base } = await startServer([], { cwd: dir.dir });
  const task = (await json(base, "POST", "/tasks", {})).body;
  await json(base, "PATCH", `/tasks/${task.id}/status`, { status: "running" });
  await json(base, "POST", `/tasks/${task.id}/events`, { type: "done.now", level: "info", data: { n: 1 } });
  const received = await hook.until(2);
  expect(received.map((r) => [r.signed, r.json.type, r.json.data])).toEqual([
    [true, "done.now", { n: 1 }],
    [true, "done.now", { n: 1 }],
  ]);
  let log = await json(base, "GET", `/tasks/${task.id}/webhooks/deliveries`);
  // The outcome is logged just after the receiver answered.
  for (let i = 0; i < 100 && JSON.stringify(log.body) === '{"deliveries":[]}'; i++) {
    await Bun.sleep(20);
    log = await json(base, "GET", `/tasks/${task.id}/webhooks/deliveries`);
  }
  expect(log.body).toMatchObject({
    deliveries: [{ outcome: "delivered", attempts: [{ status: 502 }, { status: 200 }] }],
  });
  await server.stop();
});
