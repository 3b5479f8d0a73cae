/**
 * Server under test for arinova-chat: the real Arinova app (createArinova on Bun.serve, /ws
 * and /ws/agent included) on PostgreSQL when TEST_DATABASE_URL or DATABASE_URL is set (a fresh
 * database, dropped at exit), else PGlite in a temporary directory. Users, sessions, agents and
 * conversations are written straight into the database; clients claim them from /__claim and
 * sign their own session cookies.
 *
 * Env: BENCH_USERS (default 10000), BENCH_AGENTS (default 10).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger, type RateLimiter } from "@rt/kit";
import postgres from "postgres";
import { createArinova } from "../../apps/arinova/src/app.ts";
import { loadArinovaConfig } from "../../apps/arinova/src/config.ts";
import { type DatabaseHandle, openDatabase } from "../../apps/arinova/src/db/client.ts";
import { migrate } from "../../apps/arinova/src/db/migrate.ts";
import { agents, conversations, session, user } from "../../apps/arinova/src/db/schema/index.ts";
import { BENCH_SECRET } from "../lib/arinova-cookie.ts";
import { control } from "./control.ts";

const users = Number(process.env.BENCH_USERS ?? 10_000);
const agentCount = Number(process.env.BENCH_AGENTS ?? 10);
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

async function openBenchDatabase(): Promise<{ database: DatabaseHandle; dispose: () => Promise<void> }> {
  if (serverUrl) {
    const name = `arinova_bench_${process.pid}_${Date.now().toString(36)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ url: url.toString(), maxConnections: 10 });
    return {
      database,
      dispose: async () => {
        await database.close();
        const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
        await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
        await cleanup.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "arinova-bench-"));
  const database = await openDatabase({ dataDir: dir });
  return {
    database,
    dispose: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const { database, dispose } = await openBenchDatabase();
await migrate(database.db);

// Seed: users with one session each, agents, and a conversation per user with agent i % M.
const seeded: Array<{ token: string; conversationId: string }> = [];
const owner = "benchowner00000000000000000000000";
await database.db.insert(user).values({ id: owner, name: "Owner", email: "owner@bench.test" });
const agentRows = await database.db
  .insert(agents)
  .values(
    Array.from({ length: agentCount }, (_, i) => ({
      name: `Agent ${i}`,
      ownerId: owner,
      secretToken: `ari_bench_${i}`,
    })),
  )
  .returning({ id: agents.id, token: agents.secretToken });
const expiresAt = new Date(Date.now() + 30 * 86_400_000);
for (let from = 0; from < users; from += 1000) {
  const batch = Array.from({ length: Math.min(1000, users - from) }, (_, i) => {
    const id = `benchuser${String(from + i).padStart(23, "0")}`;
    return { id, token: `benchtoken${String(from + i).padStart(22, "0")}` };
  });
  await database.db.insert(user).values(batch.map(({ id }) => ({ id, name: id, email: `${id}@bench.test` })));
  await database.db
    .insert(session)
    .values(batch.map(({ id, token }) => ({ id: `s${id.slice(1)}`, userId: id, token, expiresAt })));
  const rows = await database.db
    .insert(conversations)
    .values(batch.map(({ id }, i) => ({ userId: id, agentId: agentRows[(from + i) % agentRows.length]!.id })))
    .returning({ id: conversations.id });
  for (const [i, { token }] of batch.entries()) seeded.push({ token, conversationId: rows[i]!.id });
}

const unlimited: RateLimiter = {
  hit: async (_key, limit, windowMs) => ({ allowed: true, remaining: limit - 1, resetMs: windowMs }),
};
const config = loadArinovaConfig({ BETTER_AUTH_SECRET: BENCH_SECRET, DATA_DIR: "/nonexistent" });
const arinova = await createArinova(config, {
  database,
  logger: createLogger({ level: "warn" }),
  rateLimiter: unlimited,
});

let claimed = 0;
let go = false;
const server = Bun.serve({
  hostname: "127.0.0.1",
  port: 0,
  fetch(req, srv) {
    const url = new URL(req.url);
    if (url.pathname === "/__claim") {
      const count = Number(url.searchParams.get("count") ?? "1");
      const batch = seeded.slice(claimed, claimed + count);
      claimed += batch.length;
      return Response.json({ users: batch });
    }
    if (url.pathname === "/__go") {
      if (url.searchParams.has("set")) go = true;
      return Response.json({ go });
    }
    if (url.pathname === "/__agents") return Response.json({ tokens: agentRows.map((row) => row.token) });
    if (url.pathname.startsWith("/__")) return control(url, { connections: () => connections() });
    return arinova.fetch(req, srv);
  },
  websocket: arinova.websocket,
});

function connections(): number {
  return server.pendingWebSockets;
}

const stop = async () => {
  server.stop(true);
  await arinova.close();
  await dispose();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());

console.log(JSON.stringify({ port: server.port }));
