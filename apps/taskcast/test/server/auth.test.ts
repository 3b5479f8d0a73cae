/** Authentication and scopes over real HTTP (api.md §1, §4 /admin/token). */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  generateKeyPair,
  type JWTPayload,
  SignJWT,
} from "jose";
import type { AuthConfig, JwtAlgorithm } from "../../src/server/auth/context.ts";
import { call, closeAll, createTask, startServer } from "./helpers.ts";

afterAll(closeAll);

const SECRET = "e2e-test-secret-that-is-long-enough-for-HS256";
const secretKey = new TextEncoder().encode(SECRET);
const now = () => Math.floor(Date.now() / 1000);

async function hsToken(
  claims: JWTPayload,
  options: { exp?: number; nbf?: number; iss?: string; aud?: string } = {},
) {
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).setIssuedAt();
  jwt.setExpirationTime(options.exp ?? now() + 600);
  if (options.nbf !== undefined) jwt.setNotBefore(options.nbf);
  if (options.iss) jwt.setIssuer(options.iss);
  if (options.aud) jwt.setAudience(options.aud);
  return jwt.sign(secretKey);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const jwtServer = (jwt: AuthConfig["jwt"], extra: Partial<AuthConfig> = {}) =>
  startServer({ auth: { mode: "jwt", jwt, ...extra } });

describe("jwt mode (HS256 secret)", () => {
  test("missing or non-Bearer header → 401 Missing Bearer token; public routes stay open", async () => {
    const { base } = await jwtServer({ secret: SECRET });
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "Basic abc" },
      { authorization: "bearer x" },
    ];
    for (const headers of attempts) {
      const answer = await call(base, "GET", "/tasks", { headers });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: "Missing Bearer token" });
    }
    expect((await call(base, "GET", "/health")).status).toBe(200);
    expect((await call(base, "GET", "/")).status).toBe(200);
    // Auth runs before routing under protected prefixes.
    expect((await call(base, "GET", "/tasks/a/b/c/nowhere")).status).toBe(401);
    expect((await call(base, "GET", "/events")).status).toBe(401);
  });

  test("bad signature, expired, not yet valid, wrong issuer/audience → 401 Invalid or expired token", async () => {
    const { base } = await jwtServer({ secret: SECRET, issuer: "taskcast", audience: "api" });
    const good = { iss: "taskcast", aud: "api" };
    const forged = await new SignJWT({ scope: ["*"] })
      .setProtectedHeader({ alg: "HS256" })
      .setExpirationTime(now() + 60)
      .sign(new TextEncoder().encode("another-secret-another-secret-another"));
    const cases = [
      forged,
      await hsToken({ scope: ["*"] }, { ...good, exp: now() - 10 }),
      await hsToken({ scope: ["*"] }, { ...good, nbf: now() + 600 }),
      await hsToken({ scope: ["*"] }, { ...good, iss: "someone-else" }),
      await hsToken({ scope: ["*"] }, { ...good, aud: "other" }),
      await hsToken({ scope: ["*"] }),
      "not.a.jwt",
    ];
    for (const token of cases) {
      const answer = await call(base, "GET", "/tasks", { headers: bearer(token) });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: "Invalid or expired token" });
    }
    const ok = await call(base, "GET", "/tasks", { headers: bearer(await hsToken({ scope: ["*"] }, good)) });
    expect(ok.status).toBe(200);
  });

  test("missing scope → 403 before 404 on an unknown task; with the scope → 404", async () => {
    const { base } = await jwtServer({ secret: SECRET });
    const publisher = bearer(await hsToken({ scope: ["event:publish"] }));
    for (const [method, path] of [
      ["GET", "/tasks/ghost"],
      ["GET", "/tasks/ghost/events"],
      ["GET", "/tasks/ghost/events/history"],
      ["GET", "/tasks/ghost/archive"],
      ["POST", "/tasks/ghost/resolve"],
      ["GET", "/tasks/ghost/request"],
      ["POST", "/tasks/ghost/storage/release"],
    ] as const) {
      const answer = await call(base, method, path, { headers: publisher });
      expect([path, answer.status]).toEqual([path, 403]);
      expect(answer.body).toEqual({ error: "Forbidden" });
    }
    const transition = await call(base, "PATCH", "/tasks/ghost/status", {
      headers: publisher,
      body: { status: "running" },
    });
    expect(transition.status).toBe(403);
    const subscriber = bearer(await hsToken({ scope: ["event:subscribe"] }));
    const missing = await call(base, "GET", "/tasks/ghost", { headers: subscriber });
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: "Task not found" });
  });

  test("body validation runs before the scope check on the JSON path", async () => {
    const { base } = await jwtServer({ secret: SECRET });
    const noScope = bearer(await hsToken({ scope: [] }));
    const invalid = await call(base, "POST", "/tasks", { headers: noScope, body: { ttl: -1 } });
    expect(invalid.status).toBe(400);
    const valid = await call(base, "POST", "/tasks", { headers: noScope, body: {} });
    expect(valid.status).toBe(403);
  });

  test("taskIds binds task routes; the list is not bound", async () => {
    const { base } = await jwtServer({ secret: SECRET });
    const admin = bearer(await hsToken({ scope: ["*"] }));
    await createTask(base, { id: "mine" }, admin);
    await createTask(base, { id: "theirs" }, admin);
    const bound = bearer(await hsToken({ scope: ["event:subscribe", "event:publish"], taskIds: ["mine"] }));
    expect((await call(base, "GET", "/tasks/mine", { headers: bound })).status).toBe(200);
    expect((await call(base, "GET", "/tasks/theirs", { headers: bound })).status).toBe(403);
    const publishTheirs = await call(base, "POST", "/tasks/theirs/events", {
      headers: bound,
      body: { type: "x", level: "info" },
    });
    expect(publishTheirs.status).toBe(403);
    const listed = (await call(base, "GET", "/tasks", { headers: bound })).body as { tasks: unknown[] };
    expect(listed.tasks).toHaveLength(2);
    // A malformed claim grants nothing rather than substring-matching.
    const odd = bearer(await hsToken({ scope: ["*"], taskIds: "mine" }));
    expect((await call(base, "GET", "/tasks/mine", { headers: odd })).status).toBe(403);
  });
});

describe("jwt with public keys", () => {
  const algorithms: JwtAlgorithm[] = ["RS256", "ES256", "ES384", "ES512"];
  for (const algorithm of algorithms) {
    test(`${algorithm}: a token signed by the private key is accepted, an HS token is not`, async () => {
      const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true });
      const { base } = await jwtServer({ algorithm, publicKey: await exportSPKI(publicKey) });
      const token = await new SignJWT({ scope: ["task:create"] })
        .setProtectedHeader({ alg: algorithm })
        .setExpirationTime("5m")
        .sign(privateKey);
      expect((await call(base, "POST", "/tasks", { headers: bearer(token), body: {} })).status).toBe(201);
      const hs = await call(base, "POST", "/tasks", {
        headers: bearer(await hsToken({ scope: ["*"] })),
        body: {},
      });
      expect(hs.status).toBe(401);
    });
  }

  test("publicKeyFile is read per request", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
    const dir = await mkdtemp(join(tmpdir(), "taskcast-jwt-"));
    const file = join(dir, "key.pem");
    await writeFile(file, await exportSPKI(publicKey));
    const { base } = await jwtServer({ algorithm: "ES256", publicKeyFile: file });
    const token = await new SignJWT({ scope: ["*"] }).setProtectedHeader({ alg: "ES256" }).sign(privateKey);
    expect((await call(base, "GET", "/tasks", { headers: bearer(token) })).status).toBe(200);
    const rotated = await generateKeyPair("ES256", { extractable: true });
    await writeFile(file, await exportSPKI(rotated.publicKey));
    expect((await call(base, "GET", "/tasks", { headers: bearer(token) })).status).toBe(401);
  });

  test("jwt mode without key material → 401 on every protected route", async () => {
    const { base } = await jwtServer({});
    const answer = await call(base, "GET", "/tasks", { headers: bearer(await hsToken({ scope: ["*"] })) });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: "Invalid or expired token" });
    const noConfig = await startServer({ auth: { mode: "jwt" } });
    expect((await call(noConfig.base, "GET", "/tasks")).body).toEqual({ error: "Unauthorized" });
  });
});

describe("trusted services and custom mode", () => {
  test("service key grants its scope in jwt mode; a wrong key → 401", async () => {
    const { base } = await jwtServer(
      { secret: SECRET },
      { trustedServices: [{ name: "billing", key: "svc-key-1", scope: ["task:create"], taskIds: ["x"] }] },
    );
    const svc = { "x-taskcast-service-key": "svc-key-1" };
    expect((await call(base, "POST", "/tasks", { headers: svc, body: { id: "x" } })).status).toBe(201);
    expect((await call(base, "GET", "/tasks", { headers: svc })).status).toBe(403);
    const wrong = await call(base, "GET", "/tasks", { headers: { "x-taskcast-service-key": "nope" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: "Invalid service key" });
  });

  test("the header is ignored when no services are configured", async () => {
    const { base } = await startServer();
    expect((await call(base, "GET", "/tasks", { headers: { "x-taskcast-service-key": "x" } })).status).toBe(
      200,
    );
  });

  test("custom mode: middleware context, null → 401; without middleware → 401", async () => {
    const custom = await startServer({
      auth: {
        mode: "custom",
        middleware: (request) =>
          request.headers.get("x-user") === "ok" ? { taskIds: "*", scope: ["event:subscribe"] } : null,
      },
    });
    expect((await call(custom.base, "GET", "/tasks", { headers: { "x-user": "ok" } })).status).toBe(200);
    expect((await call(custom.base, "GET", "/tasks")).body).toEqual({ error: "Unauthorized" });
    const bare = await startServer({ auth: { mode: "custom" } });
    expect((await call(bare.base, "GET", "/tasks")).status).toBe(401);
  });
});

describe("POST /admin/token", () => {
  test("disabled → 404; not mounted without admin options → 404 text", async () => {
    const disabled = await startServer({ admin: { adminApi: false, adminToken: "t" } });
    const answer = await call(disabled.base, "POST", "/admin/token", { body: { adminToken: "t" } });
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: "Not found" });
    const absent = await startServer();
    expect((await call(absent.base, "POST", "/admin/token", { body: {} })).text).toBe("404 Not Found");
  });

  test("exchange, errors and the minted token's claims", async () => {
    const { base } = await startServer({
      auth: { mode: "jwt", jwt: { secret: SECRET } },
      admin: { adminApi: true, adminToken: "e2e-admin-token" },
    });
    expect((await call(base, "POST", "/admin/token", { raw: "{bad" })).body).toEqual({
      error: "Invalid request body",
    });
    for (const body of [{}, { adminToken: "" }, { adminToken: 1 }, { adminToken: "wrong" }]) {
      const answer = await call(base, "POST", "/admin/token", { body });
      expect(answer.status).toBe(401);
      expect(answer.body).toEqual({ error: "Invalid admin token" });
    }
    const full = await call(base, "POST", "/admin/token", { body: { adminToken: "e2e-admin-token" } });
    expect(full.status).toBe(200);
    const { token, expiresAt } = full.body as { token: string; expiresAt: number };
    expect(decodeProtectedHeader(token)).toEqual({ alg: "HS256" });
    const claims = decodeJwt(token);
    expect(Object.keys(claims)).toEqual(["sub", "scope", "taskIds", "exp", "iat"]);
    expect(claims).toMatchObject({ sub: "admin", scope: ["*"], taskIds: "*", exp: expiresAt });
    expect(expiresAt - (claims.iat ?? 0)).toBe(86_400);
    expect((await call(base, "POST", "/tasks", { headers: bearer(token), body: {} })).status).toBe(201);

    const narrow = await call(base, "POST", "/admin/token", {
      body: { adminToken: "e2e-admin-token", scopes: ["task:create"], expiresIn: 60 },
    });
    const narrowToken = (narrow.body as { token: string }).token;
    expect((await call(base, "POST", "/tasks", { headers: bearer(narrowToken), body: {} })).status).toBe(201);
    expect((await call(base, "GET", "/tasks", { headers: bearer(narrowToken) })).status).toBe(403);
  });

  test("none mode answers an empty token", async () => {
    const { base } = await startServer({ admin: { adminApi: true, adminToken: "t" } });
    const answer = await call(base, "POST", "/admin/token", { body: { adminToken: "t", expiresIn: -5 } });
    expect(answer.status).toBe(200);
    expect((answer.body as { token: string }).token).toBe("");
    expect((answer.body as { expiresAt: number }).expiresAt - now()).toBeGreaterThan(86_000);
  });
});
