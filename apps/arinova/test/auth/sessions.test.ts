/**
 * Better Auth as the web app uses it (auth.md §2.1, §4, §5), over real HTTP: sign-up, sign-in,
 * sign-out, get-session and its sliding refresh, update-user, change-password, cookies.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { queryRows } from "../db/target.ts";
import { type Backend, backendsUnderTest } from "../support/backends.ts";
import { call, cookiesOf, signUp, startServer, type TestServer, WEB_ORIGIN } from "../support/server.ts";

const SESSION_COOKIE =
  /^better-auth\.session_token=[A-Za-z0-9]{32}\.[A-Za-z0-9%]{40,}; Max-Age=2592000; Path=\/; HttpOnly; SameSite=Lax$/;
const DAY = 86_400_000;

for (const { name, factory } of await backendsUnderTest()) {
  describe(name, () => {
    let backend: Backend;
    let server: TestServer;

    beforeAll(async () => {
      backend = await factory();
      server = await startServer(backend.database);
    }, 120_000);

    afterAll(async () => {
      await server.close();
      await backend.dispose();
    });

    const rows = (sql: string) => queryRows(backend.database, sql);

    describe("sign-up", () => {
      test("creates the user, a scrypt credential and a 30-day session, and sets the signed cookie", async () => {
        const reply = await call(server.url, "POST", "/api/auth/sign-up/email", {
          body: { name: "Ada", email: "Ada.Lovelace@Example.com", password: "analytical engine" },
        });
        expect(reply.status).toBe(200);
        const body = reply.body as { token: string; user: Record<string, unknown> };
        expect(Object.keys(body)).toEqual(["token", "user"]);
        expect(Object.keys(body.user)).toEqual([
          "name",
          "email",
          "emailVerified",
          "image",
          "createdAt",
          "updatedAt",
          "id",
        ]);
        expect(body.user.email).toBe("ada.lovelace@example.com");
        expect(reply.headers.getSetCookie()).toHaveLength(1);
        expect(reply.headers.getSetCookie()[0]).toMatch(SESSION_COOKIE);

        const [account] = await rows(`select * from account where user_id = '${body.user.id}'`);
        expect(account?.provider_id).toBe("credential");
        expect(account?.account_id).toBe(body.user.id);
        expect(String(account?.password)).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
        const [session] = await rows(`select * from session where token = '${body.token}'`);
        const expiresIn = new Date(String(session?.expires_at)).getTime() - Date.now();
        expect(Math.abs(expiresIn - 30 * DAY)).toBeLessThan(60_000);
      });

      test("refuses a bad email, a short password and a taken email (any case)", async () => {
        const bad = await call(server.url, "POST", "/api/auth/sign-up/email", {
          body: { name: "x", email: "nope", password: "long enough" },
        });
        expect(bad.status).toBe(400);
        expect(bad.body).toMatchObject({
          code: "VALIDATION_ERROR",
          message: "[body.email] Invalid email address",
        });
        const short = await call(server.url, "POST", "/api/auth/sign-up/email", {
          body: { name: "x", email: "short@example.com", password: "short" },
        });
        expect(short.status).toBe(400);
        expect(short.body).toMatchObject({ code: "PASSWORD_TOO_SHORT", message: "Password too short" });
        const taken = await call(server.url, "POST", "/api/auth/sign-up/email", {
          body: { name: "x", email: "ADA.lovelace@example.com", password: "long enough" },
        });
        expect(taken.status).toBe(422);
        expect(taken.body).toMatchObject({ code: "USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL" });
      });
    });

    describe("sign-in and sign-out", () => {
      test("each sign-in opens another session; a wrong password is 401", async () => {
        const { user } = await signUp(server.url);
        const first = await call(server.url, "POST", "/api/auth/sign-in/email", {
          body: { email: user.email.toUpperCase(), password: "correct horse battery" },
        });
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({ redirect: false, user: { id: user.id } });
        expect(Object.keys(first.body as object)).toEqual(["redirect", "token", "user"]);
        expect(first.headers.getSetCookie()[0]).toMatch(SESSION_COOKIE);
        const sessions = await rows(`select id from session where user_id = '${user.id}'`);
        expect(sessions).toHaveLength(2);

        const wrong = await call(server.url, "POST", "/api/auth/sign-in/email", {
          body: { email: user.email, password: "wrong password" },
        });
        expect(wrong.status).toBe(401);
        expect(wrong.body).toMatchObject({
          code: "INVALID_EMAIL_OR_PASSWORD",
          message: "Invalid email or password",
        });
        const malformed = await call(server.url, "POST", "/api/auth/sign-in/email", {
          body: { email: "not-an-email", password: "whatever1" },
        });
        expect(malformed.status).toBe(400);
        expect(malformed.body).toMatchObject({ code: "INVALID_EMAIL" });
      });

      test("sign-out deletes the session and clears three cookies", async () => {
        const alice = await signUp(server.url);
        const reply = await call(server.url, "POST", "/api/auth/sign-out", {
          body: {},
          cookie: alice.cookie,
          headers: { origin: WEB_ORIGIN },
        });
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ success: true });
        expect(reply.headers.getSetCookie()).toEqual([
          "better-auth.session_token=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
          "better-auth.session_data=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
          "better-auth.dont_remember=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax",
        ]);
        expect(await rows(`select id from session where user_id = '${alice.user.id}'`)).toHaveLength(0);
        const after = await call(server.url, "GET", "/api/auth/get-session", { cookie: alice.cookie });
        expect(after.text).toBe("null");
      });

      test("a cookie-carrying POST from an untrusted origin is refused", async () => {
        const alice = await signUp(server.url);
        const reply = await call(server.url, "POST", "/api/auth/update-user", {
          body: { name: "Mallory" },
          cookie: alice.cookie,
          headers: { origin: "http://evil.example" },
        });
        expect(reply.status).toBe(403);
        expect(reply.body).toMatchObject({ code: "INVALID_ORIGIN" });
        const [user] = await rows(`select name from "user" where id = '${alice.user.id}'`);
        expect(user?.name).toBe("Tester");
      });
    });

    describe("get-session", () => {
      test("null when signed out, for an unsigned token, and for a forged signature", async () => {
        const alice = await signUp(server.url);
        const anonymous = await call(server.url, "GET", "/api/auth/get-session");
        expect(anonymous.status).toBe(200);
        expect(anonymous.text).toBe("null");
        const token = decodeURIComponent(alice.cookie.split("=")[1]!).split(".")[0]!;
        for (const value of [token, `${token}.${"A".repeat(43)}=`]) {
          const reply = await call(server.url, "GET", "/api/auth/get-session", {
            cookie: `better-auth.session_token=${encodeURIComponent(value)}`,
          });
          expect(reply.text).toBe("null");
        }
      });

      test("answers the session (with expiresAt) and the user in the original's key order", async () => {
        const alice = await signUp(server.url, "Alice");
        const reply = await call(server.url, "GET", "/api/auth/get-session", { cookie: alice.cookie });
        const body = reply.body as { session: Record<string, unknown>; user: Record<string, unknown> };
        expect(Object.keys(body.session)).toEqual([
          "expiresAt",
          "token",
          "createdAt",
          "updatedAt",
          "ipAddress",
          "userAgent",
          "userId",
          "id",
        ]);
        expect(body.session.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        expect(body.user).toMatchObject({ id: alice.user.id, name: "Alice" });
        expect(reply.headers.getSetCookie()).toEqual([]);
      });

      test("a day after the last refresh: get-session slides the expiry and re-sends the cookie", async () => {
        const alice = await signUp(server.url);
        await rows(
          `update session set expires_at = now() + interval '28 days', updated_at = now() - interval '2 days' where user_id = '${alice.user.id}'`,
        );
        const reply = await call(server.url, "GET", "/api/auth/get-session", { cookie: alice.cookie });
        const cookie = reply.headers.getSetCookie()[0] ?? "";
        expect(cookie).toMatch(
          /^better-auth\.session_token=.+; Max-Age=259\d{4}; Path=\/; HttpOnly; SameSite=Lax$/,
        );
        const [session] = await rows(`select expires_at from session where user_id = '${alice.user.id}'`);
        const expiresIn = new Date(String(session?.expires_at)).getTime() - Date.now();
        expect(Math.abs(expiresIn - 30 * DAY)).toBeLessThan(60_000);
      });

      test("REST refreshes the row silently, never the cookie; an expired session is deleted and refused", async () => {
        const alice = await signUp(server.url);
        await rows(
          `update session set expires_at = now() + interval '28 days', updated_at = now() - interval '2 days' where user_id = '${alice.user.id}'`,
        );
        const rest = await call(server.url, "GET", "/api/agents", { cookie: alice.cookie });
        expect(rest.status).toBe(200);
        expect(rest.headers.getSetCookie()).toEqual([]);
        const [refreshed] = await rows(`select expires_at from session where user_id = '${alice.user.id}'`);
        expect(new Date(String(refreshed?.expires_at)).getTime() - Date.now()).toBeGreaterThan(29 * DAY);

        await rows(
          `update session set expires_at = now() - interval '1 minute' where user_id = '${alice.user.id}'`,
        );
        const expired = await call(server.url, "GET", "/api/agents", { cookie: alice.cookie });
        expect(expired.status).toBe(401);
        expect(expired.body).toEqual({ error: "Unauthorized" });
        expect(await rows(`select id from session where user_id = '${alice.user.id}'`)).toHaveLength(0);
      });

      test("REST ignores Bearer tokens", async () => {
        const alice = await signUp(server.url);
        const token = decodeURIComponent(alice.cookie.split("=")[1]!).split(".")[0]!;
        const reply = await call(server.url, "GET", "/api/agents", {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(reply.status).toBe(401);
        expect(reply.text).toBe('{"error":"Unauthorized"}');
      });
    });

    describe("account changes", () => {
      test("update-user renames and re-sends the session cookie; it needs a session", async () => {
        const alice = await signUp(server.url, "Old");
        const reply = await call(server.url, "POST", "/api/auth/update-user", {
          body: { name: "New" },
          cookie: alice.cookie,
          headers: { origin: WEB_ORIGIN },
        });
        expect(reply.status).toBe(200);
        expect(reply.body).toEqual({ status: true });
        expect(reply.headers.getSetCookie()[0]).toMatch(SESSION_COOKIE);
        const [user] = await rows(`select name from "user" where id = '${alice.user.id}'`);
        expect(user?.name).toBe("New");
        const anonymous = await call(server.url, "POST", "/api/auth/update-user", { body: { name: "x" } });
        expect(anonymous.status).toBe(401);
      });

      test("change-password checks the current password and replaces the hash", async () => {
        const alice = await signUp(server.url);
        const headers = { origin: WEB_ORIGIN };
        const wrong = await call(server.url, "POST", "/api/auth/change-password", {
          body: { currentPassword: "not it at all", newPassword: "brand new secret" },
          cookie: alice.cookie,
          headers,
        });
        expect(wrong.status).toBe(400);
        expect(wrong.body).toMatchObject({ code: "INVALID_PASSWORD", message: "Invalid password" });
        const changed = await call(server.url, "POST", "/api/auth/change-password", {
          body: { currentPassword: "correct horse battery", newPassword: "brand new secret" },
          cookie: alice.cookie,
          headers,
        });
        expect(changed.status).toBe(200);
        expect(changed.body).toMatchObject({ token: null, user: { id: alice.user.id } });
        const signIn = (password: string) =>
          call(server.url, "POST", "/api/auth/sign-in/email", {
            body: { email: alice.user.email, password },
          });
        expect((await signIn("brand new secret")).status).toBe(200);
        expect((await signIn("correct horse battery")).status).toBe(401);
      });

      test("change-password refuses bad new passwords and anonymous callers, changing nothing", async () => {
        const alice = await signUp(server.url);
        const [before] = await rows(`select password from account where user_id = '${alice.user.id}'`);
        const change = (body: Record<string, unknown>, cookie?: string) =>
          call(server.url, "POST", "/api/auth/change-password", {
            body,
            cookie,
            headers: { origin: WEB_ORIGIN },
          });
        const short = await change(
          { currentPassword: "correct horse battery", newPassword: "short" },
          alice.cookie,
        );
        expect(short.status).toBe(400);
        expect(short.body).toMatchObject({ code: "PASSWORD_TOO_SHORT", message: "Password too short" });
        const long = await change(
          { currentPassword: "correct horse battery", newPassword: "x".repeat(129) },
          alice.cookie,
        );
        expect(long.status).toBe(400);
        expect(long.body).toMatchObject({ code: "PASSWORD_TOO_LONG", message: "Password too long" });
        const anonymous = await change({
          currentPassword: "correct horse battery",
          newPassword: "brand new secret",
        });
        expect(anonymous.status).toBe(401);
        const [after] = await rows(`select password from account where user_id = '${alice.user.id}'`);
        expect(after?.password).toBe(before?.password);
      });

      test("change-password with revokeOtherSessions ends every session and signs this one in anew", async () => {
        const alice = await signUp(server.url);
        const other = await call(server.url, "POST", "/api/auth/sign-in/email", {
          body: { email: alice.user.email, password: "correct horse battery" },
        });
        const otherCookie = cookiesOf(other.headers);
        const reply = await call(server.url, "POST", "/api/auth/change-password", {
          body: {
            currentPassword: "correct horse battery",
            newPassword: "brand new secret",
            revokeOtherSessions: true,
          },
          cookie: alice.cookie,
          headers: { origin: WEB_ORIGIN },
        });
        expect(reply.status).toBe(200);
        const { token } = reply.body as { token: string };
        expect(token).toMatch(/^[A-Za-z0-9]{32}$/);
        expect(reply.headers.getSetCookie()[0]).toMatch(SESSION_COOKIE);
        const sessions = await rows(`select token from session where user_id = '${alice.user.id}'`);
        expect(sessions).toEqual([{ token }]);
        for (const stale of [alice.cookie, otherCookie]) {
          expect((await call(server.url, "GET", "/api/agents", { cookie: stale })).status).toBe(401);
        }
        const fresh = cookiesOf(reply.headers);
        expect((await call(server.url, "GET", "/api/agents", { cookie: fresh })).status).toBe(200);
      });
    });

    describe("https deployments", () => {
      test("cookies are __Secure- prefixed and Secure; the unprefixed name is not read", async () => {
        const secure = await startServer(backend.database, {
          env: { BETTER_AUTH_URL: "https://api.example.com" },
        });
        try {
          const reply = await call(secure.url, "POST", "/api/auth/sign-up/email", {
            body: { name: "S", email: `secure${Date.now()}@example.com`, password: "long enough pw" },
          });
          const [cookie] = reply.headers.getSetCookie();
          expect(cookie).toMatch(
            /^__Secure-better-auth\.session_token=[^;]+; Max-Age=2592000; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
          );
          const prefixed = cookiesOf(reply.headers);
          expect((await call(secure.url, "GET", "/api/agents", { cookie: prefixed })).status).toBe(200);
          const unprefixed = prefixed.replace(/^__Secure-/, "");
          expect((await call(secure.url, "GET", "/api/agents", { cookie: unprefixed })).status).toBe(401);
        } finally {
          await secure.close();
        }
      });
    });
  });
}
