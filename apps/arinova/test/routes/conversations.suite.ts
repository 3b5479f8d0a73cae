/** rest.md §7 conversations, over real HTTP. */
import { describe, expect, test } from "bun:test";
import { queryRows } from "../db/target.ts";
import type { SuiteContext } from "./context.ts";
import { ISO, MISSING, newAgent, newConversation, say } from "./helpers.ts";

const CONVERSATION_KEYS = ["id", "title", "type", "userId", "agentId", "pinnedAt", "createdAt", "updatedAt"];

export function conversationsSuite(ctx: SuiteContext): void {
  describe("conversations", () => {
    test("create: 201 direct conversation; unknown or foreign agent 404; bad body 400", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const bobsAgent = await newAgent(ctx, bob);
      const reply = await ctx.as(alice, "POST", "/api/conversations", { body: { agentId: agent.id } });
      expect(reply.status).toBe(201);
      expect(Object.keys(reply.body as object)).toEqual(CONVERSATION_KEYS);
      expect(reply.body).toMatchObject({
        title: null,
        type: "direct",
        userId: alice.user.id,
        agentId: agent.id,
        pinnedAt: null,
      });
      await ctx.unchanged(async () => {
        for (const agentId of [bobsAgent.id, MISSING]) {
          const foreign = await ctx.as(alice, "POST", "/api/conversations", { body: { agentId } });
          expect(foreign.status).toBe(404);
          expect(foreign.body).toEqual({ error: "Agent not found" });
        }
        for (const body of [
          {},
          { agentId: "nope" },
          { agentId: agent.id, title: 7 },
          { agentId: agent.id, title: "x".repeat(201) },
        ]) {
          expect((await ctx.as(alice, "POST", "/api/conversations", { body })).status).toBe(400);
        }
      });
    });

    test("list: enriched rows, last message, group display, q filter, unpinned before pinned", async () => {
      const alice = await ctx.signUp();
      const helper = await newAgent(ctx, alice, "Helper");
      const writer = await newAgent(ctx, alice, "Writer");
      const direct = await newConversation(ctx, alice, helper.id, "Plans");
      const pinned = await newConversation(ctx, alice, writer.id, "Pinned one");
      const [, last] = await say(ctx, direct.id, "first", "second");
      await ctx.as(alice, "PUT", `/api/conversations/${pinned.id}`, { body: { pinned: true } });
      const group = (
        await ctx.as(alice, "POST", "/api/conversations/group", {
          body: { title: "Team", agentIds: [helper.id, writer.id] },
        })
      ).body as { id: string };

      const reply = await ctx.as(alice, "GET", "/api/conversations");
      const rows = reply.body as Record<string, unknown>[];
      expect(rows.map((r) => r.id)).toEqual([group.id, direct.id, pinned.id]);
      expect(Object.keys(rows[1] ?? {})).toEqual([
        ...CONVERSATION_KEYS,
        "agentName",
        "agentDescription",
        "agentAvatarUrl",
        "lastMessage",
      ]);
      expect(rows[0]).toMatchObject({
        agentName: "Helper, Writer",
        agentDescription: "2 agents",
        agentAvatarUrl: null,
        lastMessage: null,
      });
      expect(rows[1]).toMatchObject({ agentName: "Helper", agentDescription: null, agentAvatarUrl: null });
      expect(rows[1]?.lastMessage).toEqual({
        ...last,
        createdAt: last?.createdAt.toISOString(),
        updatedAt: last?.updatedAt.toISOString(),
      });
      expect(rows[2]?.pinnedAt).toMatch(ISO);

      const byAgent = await ctx.as(alice, "GET", "/api/conversations?q=writ");
      expect((byAgent.body as { id: string }[]).map((r) => r.id)).toEqual([pinned.id]);
      const byTitle = await ctx.as(alice, "GET", "/api/conversations?q=TEAM");
      expect((byTitle.body as { id: string }[]).map((r) => r.id)).toEqual([group.id]);
      const bob = await ctx.signUp();
      expect((await ctx.as(bob, "GET", "/api/conversations")).body).toEqual([]);
    });

    test("get, rename, pin/unpin; foreign 404; a bad body changes nothing", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      expect((await ctx.as(alice, "GET", `/api/conversations/${conversation.id}`)).body).toEqual(
        conversation,
      );
      const renamed = await ctx.as(alice, "PUT", `/api/conversations/${conversation.id}`, {
        body: { title: "Named", pinned: true },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ title: "Named" });
      expect((renamed.body as { pinnedAt: string }).pinnedAt).toMatch(ISO);
      const unpinned = await ctx.as(alice, "PUT", `/api/conversations/${conversation.id}`, {
        body: { pinned: false },
      });
      expect(unpinned.body).toMatchObject({ title: "Named", pinnedAt: null });
      await ctx.unchanged(async () => {
        for (const path of [
          `/api/conversations/${conversation.id}`,
          `/api/conversations/${MISSING}`,
          "/api/conversations/zzz",
        ]) {
          const get = await ctx.as(bob, "GET", path);
          expect(get.status).toBe(404);
          expect(get.body).toEqual({ error: "Conversation not found" });
          expect((await ctx.as(bob, "PUT", path, { body: { title: "hijack" } })).status).toBe(404);
          expect((await ctx.as(bob, "DELETE", path)).status).toBe(404);
        }
        expect(
          (await ctx.as(alice, "PUT", `/api/conversations/${conversation.id}`, { body: { pinned: "yes" } }))
            .status,
        ).toBe(400);
        expect((await ctx.as(alice, "PUT", `/api/conversations/${conversation.id}`)).status).toBe(400);
      });
    });

    test("clear messages, read pointer, mute, status; then delete", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      await say(ctx, conversation.id, "a", "b", "c");
      const read = await ctx.as(alice, "PUT", `/api/conversations/${conversation.id}/read`);
      expect(read.body).toEqual({ lastReadSeq: 3 });
      const mute = await ctx.as(alice, "PUT", `/api/conversations/${conversation.id}/mute`, {
        body: { muted: true },
      });
      expect(mute.body).toEqual({ muted: true });
      const [reads] = await queryRows(
        ctx.database,
        `select last_read_seq, muted from conversation_reads where conversation_id = '${conversation.id}'`,
      );
      expect(reads).toEqual({ last_read_seq: 3, muted: true });

      const status = await ctx.as(alice, "GET", `/api/conversations/${conversation.id}/status`);
      expect(status.body).toEqual({
        conversation: {
          id: conversation.id,
          title: null,
          type: "direct",
          createdAt: conversation.createdAt,
          messageCount: 3,
        },
        agent: { id: agent.id, name: agent.name, a2aEndpoint: null, status: "offline", latencyMs: null },
      });

      await ctx.unchanged(async () => {
        for (const [method, path] of [
          ["DELETE", "messages"],
          ["PUT", "read"],
          ["GET", "status"],
        ] as const) {
          expect((await ctx.as(bob, method, `/api/conversations/${conversation.id}/${path}`)).status).toBe(
            404,
          );
        }
        expect(
          (await ctx.as(bob, "PUT", `/api/conversations/${conversation.id}/mute`, { body: { muted: true } }))
            .status,
        ).toBe(404);
        expect(
          (await ctx.as(alice, "PUT", `/api/conversations/${conversation.id}/mute`, { body: { muted: "x" } }))
            .status,
        ).toBe(400);
      });

      const cleared = await ctx.as(alice, "DELETE", `/api/conversations/${conversation.id}/messages`);
      expect(cleared.body).toEqual({ success: true, deleted: 3 });
      const [again] = await say(ctx, conversation.id, "fresh start");
      expect(again?.seq).toBe(1);
      expect((await ctx.as(alice, "DELETE", `/api/conversations/${conversation.id}`)).status).toBe(204);
      expect((await ctx.as(alice, "GET", `/api/conversations/${conversation.id}`)).status).toBe(404);
    });
  });
}
