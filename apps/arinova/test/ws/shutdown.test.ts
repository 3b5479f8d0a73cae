/**
 * Graceful stop through kit's createShutdown with main.ts's steps (src/shutdown.ts), while a
 * stream is open: the user sees it end as an error, both sockets close with 1012 (the clients
 * reconnect on it), the database is closed, and a restart on the same data finds the message
 * settled, not `streaming`, and streams again.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { createLogger, createShutdown } from "@rt/kit";
import { serviceUrl, uniqueName } from "@rt/testkit";
import Redis from "ioredis";
import { type Arinova, createArinova } from "../../src/app.ts";
import { loadArinovaConfig } from "../../src/config.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { messages } from "../../src/db/schema/index.ts";
import { registerShutdown } from "../../src/shutdown.ts";
import { postgresBackend } from "../support/backends.ts";
import { copyOf, migratedTemplate, removeDataDir } from "../support/pglite-templates.ts";
import { signUp } from "../support/server.ts";
import { AgentClient, browser, messagesOf, newAgent, newConversation, type WsServer } from "./harness.ts";

/** Where the instance keeps its data: each open() is a new handle on the same database. */
interface Stage {
  open(): Promise<DatabaseHandle>;
  redis?: { url: string; prefix: string };
  dispose(): Promise<void>;
}

async function pgliteStage(): Promise<Stage> {
  const dataDir = await copyOf(await migratedTemplate());
  return { open: () => openDatabase({ dataDir }), dispose: async () => removeDataDir(dataDir) };
}

async function postgresRedisStage(databaseUrl: string, redisUrl: string): Promise<Stage> {
  const backend = await postgresBackend(databaseUrl)();
  if (backend.database.kind !== "postgres") throw new Error("expected PostgreSQL");
  const { host, port, database, user } = backend.database.client.options;
  const url = `postgres://${user}@${host[0]}:${port[0]}/${database}`;
  const prefix = `${uniqueName("arinova_stop")}:`;
  return {
    open: () => openDatabase({ url, maxConnections: 5 }),
    redis: { url: redisUrl, prefix },
    dispose: async () => {
      const cleanup = new Redis(redisUrl);
      const keys = await cleanup.keys(`${prefix}*`);
      if (keys.length > 0) await cleanup.del(...keys);
      await cleanup.quit();
      await backend.dispose();
    },
  };
}

const stages: [string, () => Promise<Stage>][] = [["PGlite, state in memory", pgliteStage]];
const databaseUrl = await serviceUrl("TEST_DATABASE_URL");
const redisUrl = await serviceUrl("TEST_REDIS_URL");
if (databaseUrl && redisUrl)
  stages.push(["PostgreSQL + Redis", () => postgresRedisStage(databaseUrl, redisUrl)]);

const disposals: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of disposals) await dispose();
});

async function serve(database: DatabaseHandle, stage: Stage) {
  const config = loadArinovaConfig({
    BETTER_AUTH_SECRET: "test-secret-0123456789abcdef0123456789",
    UPLOAD_DIR: "/tmp/arinova-ws-test-uploads",
    ...(stage.redis && { REDIS_URL: stage.redis.url }),
  });
  // Our own client, for the key prefix the cleanup removes; quit after the app, as an owned one is.
  const redis = stage.redis && new Redis(stage.redis.url, { keyPrefix: stage.redis.prefix });
  const app = await createArinova(config, { database, redis, logger: createLogger({ level: "silent" }) });
  const arinova: Arinova = {
    ...app,
    close: async () => {
      await app.close();
      await redis?.quit();
    },
  };
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    fetch: arinova.fetch,
    websocket: arinova.websocket,
  });
  const handle: WsServer = {
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}`,
    arinova,
    database,
    close: async () => {
      await server.stop(true);
      await arinova.close();
    },
  };
  return { server, arinova, handle };
}

describe.each(stages)("graceful shutdown on %s", (_name, makeStage) => {
  test("a stop with an open stream, then a restart: the message is not left streaming", async () => {
    const stage = await makeStage();
    disposals.push(() => stage.dispose());
    const first = await stage.open();
    const { server, arinova, handle } = await serve(first, stage);

    const user = await signUp(handle.url);
    const agent = await newAgent(handle, user);
    const conversationId = await newConversation(handle, user, agent.id);
    const bot = await AgentClient.connect(handle, agent.secretToken);
    const tab = await browser(handle, user);
    tab.send({ type: "send_message", conversationId, content: "long answer please" });
    const task = await bot.task();
    bot.chunk(task.taskId, "Once upon");
    await tab.nextOfType("stream_chunk");

    const exits: number[] = [];
    const shutdown = createShutdown({
      logger: createLogger({ level: "silent" }),
      exit: (code) => exits.push(code),
    });
    registerShutdown(shutdown, { server, arinova, database: first });
    const report = await shutdown.run("SIGTERM");

    expect(report.timedOut).toBe(false);
    expect(report.closed.map((step) => [step.name, step.error])).toEqual([
      ["http", undefined],
      ["streams", undefined],
      ["sockets", undefined],
      ["requests", undefined],
      ["app", undefined],
      ["database", undefined],
    ]);
    expect(exits).toEqual([]);
    // The user saw the stream end while the socket was still open, then the restart close.
    expect(await tab.nextOfType("stream_error")).toEqual({
      type: "stream_error",
      conversationId,
      messageId: task.taskId,
      seq: 2,
      error: "Stream interrupted",
    });
    expect(await tab.closed).toEqual({ code: 1012, reason: "Server restarting" });
    expect(await bot.socket.closed).toEqual({ code: 1012, reason: "Server restarting" });
    expect(
      await fetch(`${handle.url}/health`).then(
        () => "answered",
        () => "refused",
      ),
    ).toBe("refused");

    // Before anything runs again (the restart's sweep would repair it): already settled.
    const second = await stage.open();
    const rows = await second.db
      .select({ id: messages.id, status: messages.status, content: messages.content })
      .from(messages);
    expect(rows.find((row) => row.id === task.taskId)).toEqual({
      id: task.taskId,
      status: "error",
      content: "Stream interrupted",
    });

    const restarted = await serve(second, stage);
    try {
      const botAgain = await AgentClient.connect(restarted.handle, agent.secretToken);
      const tabAgain = await browser(restarted.handle, user);
      tabAgain.send({ type: "send_message", conversationId, content: "again" });
      const next = await botAgain.task();
      botAgain.complete(next.taskId, "The end.");
      await tabAgain.nextOfType("stream_end");
      expect(
        (await messagesOf(restarted.handle, user, conversationId)).map((m) => [
          m.seq,
          m.role,
          m.status,
          m.content,
        ]),
      ).toEqual([
        [1, "user", "completed", "long answer please"],
        [2, "agent", "error", "Stream interrupted"],
        [3, "user", "completed", "again"],
        [4, "agent", "completed", "The end."],
      ]);
      botAgain.close();
      tabAgain.close();
    } finally {
      await restarted.handle.close();
      await second.close();
    }
  }, 60_000);
});
