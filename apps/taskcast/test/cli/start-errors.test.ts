/**
 * Bad configuration fails `start` before it serves, with a message naming the key
 * (config-cli.md §1.3, §2, §3). Runs the CLI's start path in-process; `start.test.ts` checks
 * through the real bin that such a failure prints `[taskcast] <message>` and exits 1.
 */
import { expect, test } from "bun:test";
import { type StartFlags, startTaskcast } from "../../src/cli/start/run.ts";
import { scratch } from "./helpers.ts";

interface BadStart {
  name: string;
  file?: string;
  env?: Record<string, string>;
  flags?: StartFlags;
  error: string;
}

const cases: BadStart[] = [
  { name: "port of the wrong type", file: "port: true\n", error: "Invalid config: port: expected a number" },
  {
    name: "unknown auth mode",
    file: "auth:\n  mode: magic\n",
    error: 'Invalid config: auth.mode: expected one of "none", "jwt", "custom"',
  },
  {
    name: "cleanup rule without target",
    file: "cleanup:\n  rules:\n    - trigger: {}\n",
    error: "Invalid config: cleanup.rules[0].target:",
  },
  {
    name: "lifecycle value in the file",
    file: "storageLifecycle:\n  ttlSweepIntervalSeconds: 0\n",
    error: "Invalid config: storageLifecycle.ttlSweepIntervalSeconds: expected a positive number",
  },
  { name: "unparsable YAML", file: "auth: [\n", error: "Invalid config: cannot parse" },
  {
    name: "TASKCAST_LOG_LEVEL",
    env: { TASKCAST_LOG_LEVEL: "loud" },
    error: 'invalid TASKCAST_LOG_LEVEL "loud"; expected debug, info, warn, or error',
  },
  {
    name: "lifecycle variable",
    env: { TASKCAST_TTL_SWEEP_INTERVAL_SECONDS: "-3" },
    error: "TASKCAST_TTL_SWEEP_INTERVAL_SECONDS must be a positive integer",
  },
  {
    name: "unknown JWT algorithm",
    env: { TASKCAST_AUTH_MODE: "jwt", TASKCAST_JWT_ALGORITHM: "none" },
    error: 'invalid TASKCAST_JWT_ALGORITHM "none"; expected HS256, RS256, ES256, ES384, ES512',
  },
  {
    name: "unknown auth mode variable",
    env: { TASKCAST_AUTH_MODE: "magic" },
    error: 'invalid TASKCAST_AUTH_MODE "magic"; expected none, jwt, or custom',
  },
  {
    name: "hot retention flag that is not a boolean",
    env: { TASKCAST_HOT_RETENTION_ENABLED: "yes" },
    error: "TASKCAST_HOT_RETENTION_ENABLED must be true or false",
  },
  {
    name: "PostgreSQL pool size",
    env: { TASKCAST_POSTGRES_URL: "postgres://127.0.0.1:1/none", TASKCAST_POSTGRES_MAX_CONNECTIONS: "0" },
    error: "TASKCAST_POSTGRES_MAX_CONNECTIONS must be a positive integer",
  },
  {
    name: "unknown storage mode",
    env: { TASKCAST_STORAGE: "tape" },
    error: 'invalid storage mode "tape"; expected memory, redis, or sqlite',
  },
  {
    name: "redis without a URL",
    flags: { storage: "redis" },
    error: "storage mode redis requires TASKCAST_REDIS_URL or a configured Redis URL",
  },
  {
    name: "providers that disagree",
    file: "adapters:\n  broadcast: { provider: redis }\n  shortTermStore: { provider: memory }\n",
    error: "configured short-term and broadcast providers must match",
  },
  {
    name: "Redis URLs that disagree",
    file: "adapters:\n  broadcast: { provider: redis, url: 'redis://a:1' }\n  shortTermStore: { provider: redis, url: 'redis://b:2' }\n",
    error: "configured Redis broadcast and short-term URLs must match",
  },
  {
    name: "postgres long-term store without URL",
    file: "adapters:\n  longTermStore: { provider: postgres }\n",
    error:
      "configured PostgreSQL long-term store requires TASKCAST_POSTGRES_URL or adapters.longTermStore.url",
  },
];

for (const item of cases) {
  test(item.name, async () => {
    const dir = scratch();
    if (item.file !== undefined) dir.file("taskcast.config.yaml", item.file);
    const out: string[] = [];
    const starting = startTaskcast(
      { port: "0", ...item.flags },
      { out: (line) => out.push(line), err: () => {}, env: item.env ?? {}, cwd: dir.dir, home: dir.dir },
    );
    await expect(starting).rejects.toThrow(item.error);
    expect(out.join("\n")).not.toContain("Server started");
  });
}
