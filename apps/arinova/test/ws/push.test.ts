/**
 * Push after a completed answer (websocket.md §4.7, runtime.md §5) against a local push
 * service that verifies the VAPID JWT and decrypts the payload.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import webPush from "web-push";
import { pushSubscriptions } from "../../src/db/schema/index.ts";
import { sendPushToUser } from "../../src/push/sender.ts";
import { type Backend, pgliteBackend } from "../support/backends.ts";
import { type SignedUp, signUp } from "../support/server.ts";
import {
  AgentClient,
  as,
  browser,
  newAgent,
  newConversation,
  type Socket,
  startWsServer,
  until,
  type WsServer,
} from "./harness.ts";
import { type PushEndpoint, startPushEndpoint } from "./push-endpoint.ts";

let backend: Backend;
let server: WsServer;
let pushService: PushEndpoint;
const vapid = webPush.generateVAPIDKeys();

beforeAll(async () => {
  backend = await pgliteBackend();
  server = await startWsServer(backend.database, {
    env: {
      VAPID_PUBLIC_KEY: vapid.publicKey,
      VAPID_PRIVATE_KEY: vapid.privateKey,
      VAPID_SUBJECT: "mailto:ops@example.com",
    },
  });
  pushService = await startPushEndpoint(vapid.publicKey);
}, 60_000);

afterAll(async () => {
  pushService.close();
  await server.close();
  await backend.dispose();
});

interface Setup {
  user: SignedUp;
  conversationId: string;
  bot: AgentClient;
  tab: Socket;
  path: string;
}

let counter = 0;

async function setup(agentName = "Helper"): Promise<Setup> {
  const user = await signUp(server.url);
  const agent = await newAgent(server, user, { name: agentName });
  const conversationId = await newConversation(server, user, agent.id);
  counter += 1;
  const path = `/push/${counter}`;
  expect((await as(server, user, "POST", "/api/push/subscribe", pushService.subscription(path))).status).toBe(
    201,
  );
  return {
    user,
    conversationId,
    bot: await AgentClient.connect(server, agent.secretToken),
    tab: await browser(server, user),
    path,
  };
}

async function answer(s: Setup, content: string): Promise<void> {
  s.tab.send({ type: "send_message", conversationId: s.conversationId, content: "q" });
  const task = await s.bot.task();
  s.bot.complete(task.taskId, content);
  await s.tab.nextOfType("stream_end");
  await Bun.sleep(150);
}

describe("push after completion", () => {
  test("a user with no tab in front gets the message push, signed and encrypted as web-push does", async () => {
    const s = await setup("Helper");
    const before = pushService.received.length;
    const long = "x".repeat(120);
    await answer(s, long);
    const [push] = pushService.received.slice(before);
    expect(pushService.rejected).toEqual([]);
    expect(push?.payload).toEqual({
      type: "message",
      title: "Helper",
      body: `${"x".repeat(100)}\u2026`,
      url: `/chat/${s.conversationId}`,
    });
    expect(push?.headers.ttl).toBe("2419200");
    expect(push?.jwt.aud).toBe(new URL(s.path, pushService.subscription(s.path).endpoint).origin);
    expect(push?.jwt.sub).toBe("mailto:ops@example.com");
    expect(push!.jwt.exp * 1000).toBeGreaterThan(Date.now());
    // A second answer within 30 s is not pushed again.
    await answer(s, "again");
    expect(pushService.received.length).toBe(before + 1);
    s.bot.close();
    s.tab.close();
  });

  test("no push while a tab is in the foreground, nor for a muted conversation", async () => {
    const s = await setup();
    const before = pushService.received.length;
    s.tab.send({ type: "focus", visible: true });
    await answer(s, "seen live");
    expect(pushService.received.length).toBe(before);
    s.tab.send({ type: "focus", visible: false });
    await as(server, s.user, "PUT", `/api/conversations/${s.conversationId}/mute`, { muted: true });
    await answer(s, "muted");
    expect(pushService.received.length).toBe(before);
    s.bot.close();
    s.tab.close();
  });

  test("preferences: push off, message pushes off, quiet hours now", async () => {
    const base = {
      globalEnabled: true,
      messageEnabled: true,
      playgroundInviteEnabled: true,
      playgroundTurnEnabled: true,
      playgroundResultEnabled: true,
      quietHoursStart: null,
      quietHoursEnd: null,
    };
    const now = new Date();
    const hhmm = (d: Date) =>
      `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
    const quiet = {
      ...base,
      quietHoursStart: hhmm(new Date(now.getTime() - 3_600_000)),
      quietHoursEnd: hhmm(new Date(now.getTime() + 3_600_000)),
    };
    for (const preferences of [
      { ...base, globalEnabled: false },
      { ...base, messageEnabled: false },
      quiet,
    ]) {
      const s = await setup();
      expect((await as(server, s.user, "PUT", "/api/notifications/preferences", preferences)).status).toBe(
        200,
      );
      const before = pushService.received.length;
      await answer(s, "shh");
      expect(pushService.received.length).toBe(before);
      s.bot.close();
      s.tab.close();
    }
  });

  test("a subscription the push service calls gone (410) is deleted", async () => {
    const s = await setup();
    pushService.respondWith(s.path, 410);
    await answer(s, "anyone there?");
    const rows = await backend.database.db
      .select()
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.userId, s.user.user.id));
    expect(rows).toEqual([]);
    s.bot.close();
    s.tab.close();
  });

  test("/metrics counts pushes the service accepted and those it refused", async () => {
    const pushes = async (outcome: string): Promise<number> => {
      const text = await server.arinova.metrics.metrics.text();
      const line = text.split("\n").find((l) => l.startsWith(`arinova_push_total{outcome="${outcome}"`));
      return line === undefined ? 0 : Number(line.split(" ").at(-1));
    };
    const [sent, failed] = [await pushes("sent"), await pushes("failed")];
    const accepted = await setup();
    await answer(accepted, "delivered");
    expect(
      await until(
        () => pushes("sent"),
        (n) => n === sent + 1,
      ),
    ).toBe(sent + 1);
    const refused = await setup();
    pushService.respondWith(refused.path, 500);
    await answer(refused, "refused");
    expect(
      await until(
        () => pushes("failed"),
        (n) => n === failed + 1,
      ),
    ).toBe(failed + 1);
    expect(await pushes("sent")).toBe(sent + 1);
    for (const s of [accepted, refused]) {
      s.bot.close();
      s.tab.close();
    }
  });
});

describe("push endpoints are user-supplied", () => {
  test("refused on private addresses unless allowed; sent to the address the guard checked", async () => {
    const user = await signUp(server.url);
    const path = `/push/pinned-${++counter}`;
    // rebind.test is made up: the system cannot resolve it, so only the checked answer reaches the service.
    const endpoint = new URL(pushService.subscription(path).endpoint);
    endpoint.hostname = "rebind.test";
    const body = { ...pushService.subscription(path), endpoint: endpoint.href };
    expect((await as(server, user, "POST", "/api/push/subscribe", body)).status).toBe(201);
    const calls: string[] = [];
    const resolve = async (hostname: string) => {
      calls.push(hostname);
      return ["127.0.0.1"];
    };
    const keys = { ...vapid, subject: "mailto:ops@example.com" };
    const db = server.database.db;
    const payload = JSON.stringify({ type: "message", title: "Pinned" });
    expect(await sendPushToUser(db, keys, user.user.id, payload, { resolve })).toEqual({
      sent: 0,
      failed: 1,
    });
    expect(pushService.received.filter((push) => push.path === path)).toEqual([]);
    expect(await sendPushToUser(db, keys, user.user.id, payload, { resolve, allowPrivate: true })).toEqual({
      sent: 1,
      failed: 0,
    });
    expect(calls).toEqual(["rebind.test", "rebind.test"]);
    const [push] = pushService.received.filter((p) => p.path === path);
    expect(push?.payload).toEqual({ type: "message", title: "Pinned" });
    expect(push?.headers.host).toBe(endpoint.host);
  });
});
