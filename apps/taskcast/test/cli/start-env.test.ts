/**
 * Environment variables beat the config file (config-cli.md §2): checked through the CLI's
 * start path in-process, on a real port, with a config file that says otherwise.
 */
import { afterEach, expect, test } from "bun:test";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { exportSPKI, generateKeyPair, SignJWT } from "jose";
import { type RunningTaskcast, type StartFlags, startTaskcast } from "../../src/cli/start/run.ts";
import { resolveStartSettings } from "../../src/cli/start/settings.ts";
import { scratch } from "./helpers.ts";

const started: RunningTaskcast[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) await server.stop();
});

async function start(env: Record<string, string>, file: string, flags: StartFlags = {}) {
  const dir = scratch();
  dir.file("taskcast.config.yaml", file);
  const out: string[] = [];
  const server = await startTaskcast(
    { port: "0", ...flags },
    { out: (line) => out.push(line), err: () => {}, env, cwd: dir.dir, home: dir.dir },
  );
  started.push(server);
  return { base: `http://localhost:${server.port}`, out, dir: dir.dir };
}

const FILE_JWT =
  "auth:\n  mode: none\n  jwt: { algorithm: HS256, secret: from-the-file, issuer: file, audience: file }\n";

test("TASKCAST_AUTH_MODE and every TASKCAST_JWT_* variable beat the file", async () => {
  const { publicKey, privateKey } = await generateKeyPair("ES256", { extractable: true });
  const { base } = await start(
    {
      TASKCAST_AUTH_MODE: "jwt",
      TASKCAST_JWT_ALGORITHM: "ES256",
      TASKCAST_JWT_PUBLIC_KEY: await exportSPKI(publicKey),
      TASKCAST_JWT_ISSUER: "env-issuer",
      TASKCAST_JWT_AUDIENCE: "env-audience",
    },
    FILE_JWT.replace("secret: from-the-file, ", ""),
  );
  const token = (issuer: string) =>
    new SignJWT({ scope: ["*"] })
      .setProtectedHeader({ alg: "ES256" })
      .setIssuer(issuer)
      .setAudience("env-audience")
      .setExpirationTime("5m")
      .sign(privateKey);
  const list = async (jwt?: string) =>
    (await fetch(`${base}/tasks`, { headers: jwt ? { authorization: `Bearer ${jwt}` } : {} })).status;
  expect(await list()).toBe(401);
  expect(await list(await token("env-issuer"))).toBe(200);
  expect(await list(await token("file"))).toBe(401);
});

test("TASKCAST_JWT_PUBLIC_KEY_FILE is read; JWT variables are ignored outside jwt mode", async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const dir = scratch();
  const keyFile = dir.file("key.pem", await exportSPKI(publicKey));
  const { base } = await start(
    { TASKCAST_AUTH_MODE: "jwt", TASKCAST_JWT_ALGORITHM: "RS256", TASKCAST_JWT_PUBLIC_KEY_FILE: keyFile },
    "logLevel: error\n",
  );
  const jwt = await new SignJWT({ scope: ["*"] }).setProtectedHeader({ alg: "RS256" }).sign(privateKey);
  expect((await fetch(`${base}/tasks`, { headers: { authorization: `Bearer ${jwt}` } })).status).toBe(200);

  const settings = resolveStartSettings({}, { TASKCAST_JWT_SECRET: "ignored" }, {});
  expect(settings.auth).toMatchObject({ mode: "none", jwt: { algorithm: "HS256" } });
  expect(settings.auth.jwt?.secret).toBeUndefined();
  const secret = resolveStartSettings(
    {},
    { TASKCAST_AUTH_MODE: "jwt", TASKCAST_JWT_SECRET: "env" },
    {
      auth: { jwt: { secret: "file" } },
    },
  );
  expect(secret.auth.jwt?.secret).toBe("env");
});

test("TASKCAST_STORAGE=sqlite with TASKCAST_SQLITE_PATH beats the configured providers", async () => {
  const dir = scratch();
  const path = join(dir.dir, "env.db");
  const { out } = await start(
    { TASKCAST_STORAGE: "sqlite", TASKCAST_SQLITE_PATH: path },
    "adapters:\n  broadcast: { provider: memory }\n  shortTermStore: { provider: memory }\n",
  );
  expect(out).toContain(`[taskcast] Short-term store: sqlite @ ${path}`);
  expect(existsSync(path)).toBe(true);
});

test("TASKCAST_WEBHOOK_ALLOW_PRIVATE and TASKCAST_TTL_SWEEP_INTERVAL_SECONDS beat the file", () => {
  const config = { webhook: { allowPrivateTargets: true }, storageLifecycle: { ttlSweepIntervalSeconds: 9 } };
  const settings = resolveStartSettings(
    {},
    { TASKCAST_WEBHOOK_ALLOW_PRIVATE: "false", TASKCAST_TTL_SWEEP_INTERVAL_SECONDS: "2" },
    config,
  );
  expect(settings.webhooks.allowPrivate).toBe(false);
  expect(settings.lifecycle.ttlSweepIntervalSeconds).toBe(2);
  expect(resolveStartSettings({}, {}, config).webhooks.allowPrivate).toBe(true);
  expect(resolveStartSettings({}, { TASKCAST_WEBHOOK_ALLOW_PRIVATE: "1" }, {}).webhooks.allowPrivate).toBe(
    true,
  );
});
