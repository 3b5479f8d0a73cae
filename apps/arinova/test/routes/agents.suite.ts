/** rest.md §5 agents, over real HTTP. */
import { describe, expect, test } from "bun:test";
import { appendMessage } from "../../src/chat/seq.ts";
import type { SuiteContext } from "./context.ts";

const AGENT_KEYS = [
  "id",
  "name",
  "description",
  "avatarUrl",
  "a2aEndpoint",
  "secretToken",
  "ownerId",
  "isPublic",
  "category",
  "usageCount",
  "systemPrompt",
  "welcomeMessage",
  "quickReplies",
  "notificationsEnabled",
  "createdAt",
  "updatedAt",
];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MISSING = "00000000-0000-4000-8000-000000000000";

type Agent = Record<string, unknown> & { id: string; name: string };

export function agentsSuite(ctx: SuiteContext): void {
  const createAgent = async (
    user: Parameters<SuiteContext["as"]>[0],
    body: Record<string, unknown> = { name: "Bot" },
  ) => {
    const reply = await ctx.as(user, "POST", "/api/agents", { body });
    expect(reply.status).toBe(201);
    return reply.body as Agent;
  };

  describe("agents", () => {
    test("create: 201 with every column in the original's order and a fresh bot token", async () => {
      const alice = await ctx.signUp();
      const reply = await ctx.as(alice, "POST", "/api/agents", {
        body: {
          name: "Helper",
          description: "helps",
          a2aEndpoint: "https://agent.example/card",
          ownerId: "x",
          secretToken: "x",
        },
      });
      expect(reply.status).toBe(201);
      expect(reply.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const agent = reply.body as Agent;
      expect(Object.keys(agent)).toEqual(AGENT_KEYS);
      expect(agent).toMatchObject({
        name: "Helper",
        description: "helps",
        avatarUrl: null,
        a2aEndpoint: "https://agent.example/card",
        ownerId: alice.user.id,
        isPublic: false,
        category: null,
        usageCount: 0,
        quickReplies: null,
        notificationsEnabled: true,
      });
      expect(agent.secretToken).toMatch(/^ari_[0-9a-f]{48}$/);
      expect(agent.createdAt).toMatch(ISO);
    });

    test("create: invalid bodies are 400 and write nothing", async () => {
      const alice = await ctx.signUp();
      for (const body of [
        {},
        { name: "" },
        { name: 5 },
        { name: "x".repeat(101) },
        { name: "a", description: null },
        { name: "a", a2aEndpoint: "not a url" },
      ]) {
        await ctx.unchanged(async () => {
          const reply = await ctx.as(alice, "POST", "/api/agents", { body });
          expect(reply.status).toBe(400);
          expect(reply.body).toMatchObject({ error: "Validation error", code: "VALIDATION_ERROR" });
        });
      }
    });

    test("list: only the caller's agents, oldest first; get one; foreign and unknown ids are 404", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const first = await createAgent(alice, { name: "First" });
      const second = await createAgent(alice, { name: "Second" });
      const foreign = await createAgent(bob, { name: "Bob's" });
      const list = await ctx.as(alice, "GET", "/api/agents");
      expect((list.body as Agent[]).map((a) => a.id)).toEqual([first.id, second.id]);
      expect((await ctx.as(alice, "GET", `/api/agents/${first.id}`)).body).toEqual(first);
      for (const id of [foreign.id, MISSING, "not-a-uuid"]) {
        const reply = await ctx.as(alice, "GET", `/api/agents/${id}`);
        expect(reply.status).toBe(404);
        expect(reply.body).toEqual({ error: "Agent not found" });
      }
    });

    test("update: only the keys given (null clears), protected keys ignored, updatedAt moves", async () => {
      const alice = await ctx.signUp();
      const agent = await createAgent(alice, { name: "Before", description: "desc" });
      const reply = await ctx.as(alice, "PUT", `/api/agents/${agent.id}`, {
        body: {
          name: "After",
          description: null,
          quickReplies: [{ label: "Hi", message: "Hello there" }],
          isPublic: true,
          secretToken: "ari_stolen",
          ownerId: "someone",
          usageCount: 99,
        },
      });
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        name: "After",
        description: null,
        quickReplies: [{ label: "Hi", message: "Hello there" }],
        isPublic: true,
        secretToken: agent.secretToken,
        ownerId: alice.user.id,
        usageCount: 0,
      });
      expect(Date.parse(String((reply.body as Agent).updatedAt))).toBeGreaterThanOrEqual(
        Date.parse(String(agent.updatedAt)),
      );
    });

    test("update: foreign agents, bad types and malformed JSON change nothing", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const foreign = await createAgent(bob);
      await ctx.unchanged(async () => {
        const reply = await ctx.as(alice, "PUT", `/api/agents/${foreign.id}`, { body: { name: "Mine now" } });
        expect(reply.status).toBe(404);
        expect(reply.body).toEqual({ error: "Agent not found" });
        const badType = await ctx.as(bob, "PUT", `/api/agents/${foreign.id}`, {
          body: { quickReplies: "no" },
        });
        expect(badType.status).toBe(400);
        const malformed = await ctx.as(bob, "PUT", `/api/agents/${foreign.id}`, {
          raw: '{"name":',
          headers: { "content-type": "application/json" },
        });
        expect(malformed.status).toBe(400);
        expect(malformed.body).toEqual({
          error: "Body is not valid JSON but content-type is set to 'application/json'",
          code: "INTERNAL_ERROR",
        });
      });
    });

    test("regenerate-token: a new token, the old one gone; foreign is 404", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await createAgent(alice);
      const reply = await ctx.as(alice, "POST", `/api/agents/${agent.id}/regenerate-token`);
      expect(reply.status).toBe(200);
      const { secretToken } = reply.body as { secretToken: string };
      expect(secretToken).toMatch(/^ari_[0-9a-f]{48}$/);
      expect(secretToken).not.toBe(agent.secretToken);
      await ctx.unchanged(async () => {
        expect((await ctx.as(bob, "POST", `/api/agents/${agent.id}/regenerate-token`)).status).toBe(404);
      });
    });

    test("skills: none without a connection or an endpoint; an agent card's skills otherwise", async () => {
      const alice = await ctx.signUp();
      const plain = await createAgent(alice);
      expect((await ctx.as(alice, "GET", `/api/agents/${plain.id}/skills`)).body).toEqual({ skills: [] });
      const card = Bun.serve({
        port: 0,
        fetch: () =>
          Response.json({
            skills: [
              { id: "s1", name: "Search", extra: 1 },
              { id: "s2", name: "Sum", description: "adds" },
            ],
          }),
      });
      try {
        const withCard = await createAgent(alice, {
          name: "Carded",
          a2aEndpoint: `http://127.0.0.1:${card.port}/card`,
        });
        expect((await ctx.as(alice, "GET", `/api/agents/${withCard.id}/skills`)).body).toEqual({
          skills: [
            { id: "s1", name: "Search", description: "" },
            { id: "s2", name: "Sum", description: "adds" },
          ],
        });
      } finally {
        await card.stop(true);
      }
    });

    test("stats, export and history cover the caller's direct conversations", async () => {
      const alice = await ctx.signUp();
      const agent = await createAgent(alice, { name: "Exporter" });
      const empty = await ctx.as(alice, "GET", `/api/agents/${agent.id}/stats`);
      expect(empty.body).toEqual({ totalMessages: 0, totalConversations: 0, lastActive: null });

      const conversation = (
        await ctx.as(alice, "POST", "/api/conversations", { body: { agentId: agent.id, title: "Chat" } })
      ).body as { id: string };
      await appendMessage(ctx.database.db, {
        conversationId: conversation.id,
        role: "user",
        content: "hello",
        status: "completed",
      });
      const last = await appendMessage(ctx.database.db, {
        conversationId: conversation.id,
        role: "agent",
        content: "hi!",
        status: "completed",
      });

      const stats = await ctx.as(alice, "GET", `/api/agents/${agent.id}/stats`);
      expect(stats.body).toEqual({
        totalMessages: 2,
        totalConversations: 1,
        lastActive: last.createdAt.toISOString(),
      });

      const json = await ctx.as(alice, "GET", `/api/agents/${agent.id}/export?format=anything-else`);
      expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(json.headers.get("content-disposition")).toBe('attachment; filename="Exporter-export.json"');
      const exported = json.body as {
        exportedAt: string;
        conversations: (Record<string, unknown> & { messages: object[] })[];
      };
      expect(Object.keys(exported)).toEqual(["agent", "exportedAt", "conversations"]);
      expect(exported.exportedAt).toMatch(ISO);
      expect(Object.keys(exported.conversations[0] ?? {})).toEqual([
        "conversationId",
        "title",
        "createdAt",
        "messages",
      ]);
      expect(Object.keys(exported.conversations[0]?.messages[0] ?? {})).toEqual([
        "role",
        "content",
        "status",
        "createdAt",
      ]);
      expect(json.body).toMatchObject({
        agent: "Exporter",
        conversations: [
          {
            conversationId: conversation.id,
            title: "Chat",
            messages: [
              { role: "user", content: "hello", status: "completed" },
              { role: "agent", content: "hi!", status: "completed" },
            ],
          },
        ],
      });
      const markdown = await ctx.as(alice, "GET", `/api/agents/${agent.id}/export?format=markdown`);
      expect(markdown.headers.get("content-type")).toBe("text/markdown");
      expect(markdown.headers.get("content-disposition")).toBe('attachment; filename="Exporter-export.md"');
      expect(markdown.text).toMatch(
        /^# Chat Export: Exporter\n\n## Chat \(\d{1,2}\/\d{1,2}\/\d{4}\)\n\n\*\*You\*\* \[\d{1,2}:\d\d:\d\d [AP]M\]\nhello\n\n\*\*Exporter\*\* \[[^\]]+\]\nhi!\n\n---\n\n$/,
      );

      const bob = await ctx.signUp();
      await ctx.unchanged(async () => {
        expect((await ctx.as(bob, "DELETE", `/api/agents/${agent.id}/history`)).status).toBe(404);
        expect((await ctx.as(bob, "GET", `/api/agents/${agent.id}/export`)).status).toBe(404);
        expect((await ctx.as(bob, "GET", `/api/agents/${agent.id}/stats`)).status).toBe(404);
      });
      const cleared = await ctx.as(alice, "DELETE", `/api/agents/${agent.id}/history`);
      expect(cleared.status).toBe(204);
      expect(cleared.text).toBe("");
      expect((await ctx.as(alice, "GET", `/api/conversations/${conversation.id}`)).status).toBe(404);
      expect((await ctx.as(alice, "GET", `/api/agents/${agent.id}`)).status).toBe(200);
    });

    test("delete: removes the agent, its conversations and its group memberships; foreign is 404", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await createAgent(alice);
      const other = await createAgent(alice, { name: "Other" });
      const direct = (await ctx.as(alice, "POST", "/api/conversations", { body: { agentId: agent.id } }))
        .body as { id: string };
      await appendMessage(ctx.database.db, {
        conversationId: direct.id,
        role: "user",
        content: "x",
        status: "completed",
      });
      const group = (
        await ctx.as(alice, "POST", "/api/conversations/group", {
          body: { title: "G", agentIds: [agent.id, other.id] },
        })
      ).body as { id: string };
      await ctx.unchanged(async () => {
        expect((await ctx.as(bob, "DELETE", `/api/agents/${agent.id}`)).status).toBe(404);
      });
      const reply = await ctx.as(alice, "DELETE", `/api/agents/${agent.id}`);
      expect(reply.status).toBe(204);
      expect((await ctx.as(alice, "GET", `/api/agents/${agent.id}`)).status).toBe(404);
      expect((await ctx.as(alice, "GET", `/api/conversations/${direct.id}`)).status).toBe(404);
      const members = (await ctx.as(alice, "GET", `/api/conversations/${group.id}/members`)).body as {
        agentId: string;
      }[];
      expect(members.map((m) => m.agentId)).toEqual([other.id]);
    });

    test("health: every agent, offline without an endpoint; static path not taken for an id", async () => {
      const alice = await ctx.signUp();
      const agent = await createAgent(alice);
      const all = await ctx.as(alice, "GET", "/api/agents/health");
      expect(all.status).toBe(200);
      const [entry] = all.body as Record<string, unknown>[];
      expect(Object.keys(entry ?? {})).toEqual(["agentId", "status", "latencyMs", "checkedAt"]);
      expect(entry).toMatchObject({ agentId: agent.id, status: "offline", latencyMs: null });
      const one = await ctx.as(alice, "GET", `/api/agents/${agent.id}/health`);
      expect(Object.keys(one.body as object)).toEqual(["status", "latencyMs", "checkedAt"]);
      expect((await ctx.as(alice, "GET", `/api/agents/${MISSING}/health`)).body).toEqual({
        error: "Agent not found",
      });
    });
  });
}
