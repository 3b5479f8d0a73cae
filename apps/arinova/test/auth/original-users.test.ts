/**
 * A user and a session the original server created, written straight into the database in its
 * formats (auth.md §3, §4): the user signs in with the old password hash, and the old cookie
 * keeps its session, on REST and get-session.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { queryRows } from "../db/target.ts";
import { type Backend, backendsUnderTest } from "../support/backends.ts";
import { call, startServer, type TestServer } from "../support/server.ts";
import { betterAuthId, originalCookieValue, originalPasswordHash } from "./original-format.ts";

const SECRET = "the-production-secret-of-the-original";
for (const { name, factory } of await backendsUnderTest()) {
  describe(name, () => {
    let backend: Backend;
    let server: TestServer;

    beforeAll(async () => {
      backend = await factory();
      server = await startServer(backend.database, { env: { BETTER_AUTH_SECRET: SECRET } });
    }, 120_000);

    afterAll(async () => {
      await server.close();
      await backend.dispose();
    });

    async function insertOriginalUser(email: string, password: string) {
      const userId = betterAuthId();
      const token = betterAuthId();
      await queryRows(
        backend.database,
        `insert into "user" (id, name, email, email_verified, created_at, updated_at)
     values ('${userId}', 'Legacy', '${email}', false, now() - interval '90 days', now() - interval '90 days')`,
      );
      await queryRows(
        backend.database,
        `insert into account (id, user_id, account_id, provider_id, password, created_at, updated_at)
     values ('${betterAuthId()}', '${userId}', '${userId}', 'credential', '${originalPasswordHash(password)}', now(), now())`,
      );
      await queryRows(
        backend.database,
        `insert into session (id, user_id, token, expires_at, ip_address, user_agent, created_at, updated_at)
     values ('${betterAuthId()}', '${userId}', '${token}', now() + interval '20 days', '', '', now() - interval '10 days', now() - interval '10 days')`,
      );
      return { userId, token };
    }

    test("the original's password hash signs in", async () => {
      await insertOriginalUser("legacy.one@example.com", "pässwörd ﬁne");
      const reply = await call(server.url, "POST", "/api/auth/sign-in/email", {
        body: { email: "legacy.one@example.com", password: "pässwörd ﬁne".normalize("NFKC") },
      });
      expect(reply.status).toBe(200);
      const wrong = await call(server.url, "POST", "/api/auth/sign-in/email", {
        body: { email: "legacy.one@example.com", password: "something else" },
      });
      expect(wrong.status).toBe(401);
    });

    test("the original's signed cookie keeps its session (URL-encoded or raw), refreshing it", async () => {
      const { userId, token } = await insertOriginalUser("legacy.two@example.com", "irrelevant pw");
      const cookie = `better-auth.session_token=${originalCookieValue(token, SECRET)}`;
      const agents = await call(server.url, "GET", "/api/agents", { cookie });
      expect(agents.status).toBe(200);
      const raw = `better-auth.session_token=${decodeURIComponent(originalCookieValue(token, SECRET))}`;
      expect((await call(server.url, "GET", "/api/agents", { cookie: raw })).status).toBe(200);

      const session = await call(server.url, "GET", "/api/auth/get-session", { cookie });
      expect(session.body).toMatchObject({
        session: { token, userId },
        user: { id: userId, name: "Legacy" },
      });
      const [row] = await queryRows(
        backend.database,
        `select expires_at from session where token = '${token}'`,
      );
      expect(new Date(String(row?.expires_at)).getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);

      const otherSecret = `better-auth.session_token=${originalCookieValue(token, "another secret")}`;
      expect((await call(server.url, "GET", "/api/agents", { cookie: otherSecret })).status).toBe(401);
    });
  });
}
