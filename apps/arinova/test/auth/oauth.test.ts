/**
 * Google and GitHub sign-in through Better Auth's own providers against a local fake provider
 * (auth.md §2.1 sign-in/social and callback): exact authorize URLs, state cookie, PKCE code
 * exchange, user and account rows, session cookie, implicit linking, and the error redirects.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { queryRows } from "../db/target.ts";
import { type Backend, backendsUnderTest } from "../support/backends.ts";
import { call, cookiesOf, signUp, startServer, type TestServer } from "../support/server.ts";
import { FakeOAuthProvider, type FakeUser, routeProviderTraffic } from "./fake-oauth-provider.ts";

const AUTH_URL = "http://localhost:3501";
const clients = {
  github: { id: "gh-client", secret: "gh-secret" },
  google: { id: "google-client", secret: "g-secret" },
};

const octocat = (email: string): FakeUser => ({
  github: {
    id: 583231,
    login: "octocat",
    name: null,
    email: null,
    avatar_url: "https://avatars.example/octo.png",
  },
  githubEmails: [{ email, primary: true, verified: true }],
  google: {
    sub: "1098765",
    email,
    email_verified: true,
    name: "Goo Gle",
    picture: "https://lh3.example/p.png",
  },
});

for (const { name, factory } of await backendsUnderTest()) {
  describe(name, () => {
    let backend: Backend;
    let server: TestServer;
    let fake: FakeOAuthProvider;
    let restore: () => void;

    beforeAll(async () => {
      backend = await factory();
      server = await startServer(backend.database, {
        env: {
          BETTER_AUTH_URL: AUTH_URL,
          GITHUB_CLIENT_ID: clients.github.id,
          GITHUB_CLIENT_SECRET: clients.github.secret,
          GOOGLE_CLIENT_ID: clients.google.id,
          GOOGLE_CLIENT_SECRET: clients.google.secret,
        },
      });
      fake = new FakeOAuthProvider(octocat("octo@example.com"), clients);
      restore = routeProviderTraffic(fake);
    }, 120_000);

    afterAll(async () => {
      restore();
      await fake.stop();
      await server.close();
      await backend.dispose();
    });

    const rows = (sql: string) => queryRows(backend.database, sql);

    /** The browser's part: start, visit the provider, come back to our callback with the state cookie. */
    async function signInWith(provider: "github" | "google") {
      const start = await call(server.url, "POST", "/api/auth/sign-in/social", {
        body: { provider, callbackURL: "/" },
      });
      expect(start.status).toBe(200);
      const { url, redirect } = start.body as { url: string; redirect: boolean };
      expect(redirect).toBe(true);
      expect(start.headers.get("location")).toBe(url);
      const [stateCookie] = start.headers.getSetCookie();
      expect(stateCookie).toMatch(
        /^better-auth\.state=[A-Za-z0-9_-]{32}\.[^;]+; Max-Age=300; Path=\/; HttpOnly; SameSite=Lax$/,
      );
      const back = new URL(await fake.authorize(url));
      const callback = await call(server.url, "GET", back.pathname + back.search, {
        cookie: cookiesOf(start.headers),
      });
      return { start, url, callback };
    }

    describe("GitHub", () => {
      test("authorize URL is the original's", async () => {
        const start = await call(server.url, "POST", "/api/auth/sign-in/social", {
          body: { provider: "github", callbackURL: "/" },
        });
        const { url } = start.body as { url: string };
        expect(url).toMatch(
          /^https:\/\/github\.com\/login\/oauth\/authorize\?response_type=code&client_id=gh-client&state=[A-Za-z0-9_-]{32}&scope=read%3Auser\+user%3Aemail&redirect_uri=http%3A%2F%2Flocalhost%3A3501%2Fapi%2Fauth%2Fcallback%2Fgithub&code_challenge_method=S256&code_challenge=[A-Za-z0-9_-]{43}$/,
        );
        // Better Auth 1.7 prefixes the identifier (the original stored the bare state).
        const [verification] = await rows(
          `select value from verification where identifier = 'auth-state:${new URL(url).searchParams.get("state")}'`,
        );
        expect(JSON.parse(String(verification?.value))).toMatchObject({ callbackURL: "/" });
      });

      test("a new user: account created from the profile, session cookie, redirect to callbackURL", async () => {
        const { callback } = await signInWith("github");
        expect(callback.status).toBe(302);
        expect(callback.headers.get("location")).toBe("/");
        const cookie = cookiesOf(callback.headers);
        expect(cookie).toMatch(/better-auth\.session_token=/);
        expect((await call(server.url, "GET", "/api/agents", { cookie })).status).toBe(200);

        const [user] = await rows(`select * from "user" where email = 'octo@example.com'`);
        expect(user).toMatchObject({
          name: "octocat",
          email_verified: true,
          image: "https://avatars.example/octo.png",
        });
        const [account] = await rows(`select * from account where user_id = '${user?.id}'`);
        expect(account).toMatchObject({
          provider_id: "github",
          account_id: "583231",
          access_token: "gh-access-token",
        });
        expect(fake.tokenRequests.at(-1)?.get("redirect_uri")).toBe(`${AUTH_URL}/api/auth/callback/github`);
      });

      test("a returning user signs in to the same user with a new session", async () => {
        const { callback } = await signInWith("github");
        expect(callback.status).toBe(302);
        const users = await rows(`select id from "user" where email = 'octo@example.com'`);
        expect(users).toHaveLength(1);
        expect(await rows(`select id from session where user_id = '${users[0]?.id}'`)).toHaveLength(2);
      });

      test("a callback without the state cookie is refused", async () => {
        const start = await call(server.url, "POST", "/api/auth/sign-in/social", {
          body: { provider: "github" },
        });
        const back = new URL(await fake.authorize((start.body as { url: string }).url));
        const callback = await call(server.url, "GET", back.pathname + back.search);
        expect(callback.status).toBe(302);
        expect(callback.headers.get("location")).toContain("error=");
        expect(callback.headers.getSetCookie().join()).not.toContain("session_token=");
      });
    });

    describe("Google", () => {
      test("authorize URL is the original's", async () => {
        const start = await call(server.url, "POST", "/api/auth/sign-in/social", {
          body: { provider: "google", callbackURL: "/" },
        });
        expect((start.body as { url: string }).url).toMatch(
          /^https:\/\/accounts\.google\.com\/o\/oauth2\/v2\/auth\?response_type=code&client_id=google-client&state=[A-Za-z0-9_-]{32}&scope=email\+profile\+openid&redirect_uri=http%3A%2F%2Flocalhost%3A3501%2Fapi%2Fauth%2Fcallback%2Fgoogle&code_challenge_method=S256&code_challenge=[A-Za-z0-9_-]{43}&include_granted_scopes=true$/,
        );
      });

      test("a verified Google email links to the existing password user", async () => {
        const existing = await signUp(server.url, "Password User");
        fake.user = octocat(existing.user.email);
        const { callback } = await signInWith("google");
        expect(callback.status).toBe(302);
        const accounts = await rows(
          `select provider_id, account_id, id_token from account where user_id = '${existing.user.id}' order by provider_id`,
        );
        expect(accounts.map((a) => a.provider_id)).toEqual(["credential", "google"]);
        expect(accounts[1]).toMatchObject({ account_id: "1098765" });
        expect(String(accounts[1]?.id_token)).toMatch(/^ey/);
      });

      test("an unknown provider is 404 PROVIDER_NOT_FOUND", async () => {
        const reply = await call(server.url, "POST", "/api/auth/sign-in/social", {
          body: { provider: "apple" },
        });
        expect(reply.status).toBe(404);
        expect(reply.body).toMatchObject({ code: "PROVIDER_NOT_FOUND", message: "Provider not found" });
      });
    });
  });
}
