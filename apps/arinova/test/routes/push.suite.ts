/** rest.md §11 push subscriptions and notification preferences, over real HTTP. */
import { describe, expect, test } from "bun:test";
import { queryRows } from "../db/target.ts";
import { call, startServer } from "../support/server.ts";
import type { SuiteContext } from "./context.ts";

const subscription = (endpoint: string, auth = "auth-secret") => ({
  endpoint,
  keys: { p256dh: "BNcRd-public-key", auth },
  deviceInfo: "Firefox on Linux",
});

const DEFAULTS = {
  globalEnabled: true,
  messageEnabled: true,
  playgroundInviteEnabled: true,
  playgroundTurnEnabled: true,
  playgroundResultEnabled: true,
  quietHoursStart: null,
  quietHoursEnd: null,
};

export function pushSuite(ctx: SuiteContext): void {
  describe("push and notification preferences", () => {
    test("vapid-key: 503 when not configured, the key when it is; no session needed", async () => {
      const reply = await ctx.as(undefined, "GET", "/api/push/vapid-key");
      expect(reply.status).toBe(503);
      expect(reply.body).toEqual({ error: "Push notifications not configured" });
      const configured = await startServer(ctx.database, {
        env: { VAPID_PUBLIC_KEY: "BPublicKey", VAPID_PRIVATE_KEY: "p" },
      });
      try {
        expect((await call(configured.url, "GET", "/api/push/vapid-key")).body).toEqual({
          vapidPublicKey: "BPublicKey",
        });
      } finally {
        await configured.close();
      }
    });

    test("subscribe: 201, one row per endpoint (re-subscribing updates), default preferences created", async () => {
      const alice = await ctx.signUp();
      const endpoint = "https://push.example/send/abc";
      const first = await ctx.as(alice, "POST", "/api/push/subscribe", { body: subscription(endpoint) });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ ok: true });
      const again = await ctx.as(alice, "POST", "/api/push/subscribe", {
        body: { endpoint, keys: { p256dh: "new", auth: "new-auth" } },
      });
      expect(again.status).toBe(201);
      const rows = await queryRows(
        ctx.database,
        `select p256dh, auth, device_info from push_subscriptions where user_id = '${alice.user.id}'`,
      );
      expect(rows).toEqual([{ p256dh: "new", auth: "new-auth", device_info: null }]);
      const prefs = await queryRows(
        ctx.database,
        `select global_enabled from notification_preferences where user_id = '${alice.user.id}'`,
      );
      expect(prefs).toEqual([{ global_enabled: true }]);

      await ctx.unchanged(async () => {
        for (const body of [
          { endpoint: "not a url", keys: { p256dh: "a", auth: "b" } },
          { endpoint, keys: { p256dh: "", auth: "b" } },
          { endpoint },
        ]) {
          expect((await ctx.as(alice, "POST", "/api/push/subscribe", { body })).status).toBe(400);
        }
        expect(
          (await ctx.as(undefined, "POST", "/api/push/subscribe", { body: subscription(endpoint) })).status,
        ).toBe(401);
        const missing = await ctx.as(alice, "DELETE", "/api/push/subscribe", { body: {} });
        expect(missing.status).toBe(400);
        expect(missing.body).toEqual({ error: "endpoint is required" });
      });

      const bob = await ctx.signUp();
      expect((await ctx.as(bob, "DELETE", "/api/push/subscribe", { body: { endpoint } })).body).toEqual({
        ok: true,
      });
      expect(
        await queryRows(ctx.database, `select id from push_subscriptions where user_id = '${alice.user.id}'`),
      ).toHaveLength(1);
      expect((await ctx.as(alice, "DELETE", "/api/push/subscribe", { body: { endpoint } })).body).toEqual({
        ok: true,
      });
      expect(
        await queryRows(ctx.database, `select id from push_subscriptions where user_id = '${alice.user.id}'`),
      ).toHaveLength(0);
    });

    test("preferences: defaults without writing, then saved (all seven keys required)", async () => {
      const alice = await ctx.signUp();
      await ctx.unchanged(async () => {
        const reply = await ctx.as(alice, "GET", "/api/notifications/preferences");
        expect(reply.body).toEqual(DEFAULTS);
        expect(Object.keys(reply.body as object)).toEqual(Object.keys(DEFAULTS));
        for (const body of [
          { ...DEFAULTS, quietHoursStart: "24:00" },
          { ...DEFAULTS, globalEnabled: "yes" },
          { globalEnabled: false },
        ]) {
          expect((await ctx.as(alice, "PUT", "/api/notifications/preferences", { body })).status).toBe(400);
        }
      });
      const saved = { ...DEFAULTS, messageEnabled: false, quietHoursStart: "22:30", quietHoursEnd: "07:00" };
      const put = await ctx.as(alice, "PUT", "/api/notifications/preferences", { body: saved });
      expect(put.body).toEqual({ ok: true });
      expect((await ctx.as(alice, "GET", "/api/notifications/preferences")).body).toEqual(saved);
      await ctx.as(alice, "PUT", "/api/notifications/preferences", { body: DEFAULTS });
      expect((await ctx.as(alice, "GET", "/api/notifications/preferences")).body).toEqual(DEFAULTS);
      const bob = await ctx.signUp();
      expect((await ctx.as(bob, "GET", "/api/notifications/preferences")).body).toEqual(DEFAULTS);
    });
  });
}
