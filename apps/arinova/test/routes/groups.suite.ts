/** rest.md §6 group conversations, over real HTTP. */
import { describe, expect, test } from "bun:test";
import type { SuiteContext } from "./context.ts";
import { MISSING, newAgent, newConversation } from "./helpers.ts";

export function groupsSuite(ctx: SuiteContext): void {
  describe("groups", () => {
    test("create: 201 with members; foreign, unknown or repeated agents 400; bad body 400", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const one = await newAgent(ctx, alice, "One");
      const two = await newAgent(ctx, alice, "Two");
      const bobs = await newAgent(ctx, bob);
      const reply = await ctx.as(alice, "POST", "/api/conversations/group", {
        body: { title: "Team", agentIds: [one.id, two.id] },
      });
      expect(reply.status).toBe(201);
      const group = reply.body as Record<string, unknown> & { members: Record<string, unknown>[] };
      expect(group).toMatchObject({ title: "Team", type: "group", agentId: null, userId: alice.user.id });
      expect(Object.keys(group.members[0] ?? {})).toEqual(["id", "conversationId", "agentId", "addedAt"]);
      expect(group.members.map((m) => m.agentId)).toEqual([one.id, two.id]);
      await ctx.unchanged(async () => {
        for (const agentIds of [[one.id, bobs.id], [MISSING], [one.id, one.id]]) {
          const refused = await ctx.as(alice, "POST", "/api/conversations/group", {
            body: { title: "T", agentIds },
          });
          expect(refused.status).toBe(400);
          expect(refused.body).toEqual({ error: "One or more agents not found or not owned by you" });
        }
        for (const body of [
          { title: "", agentIds: [one.id] },
          { title: "T", agentIds: [] },
          { title: "T", agentIds: ["x"] },
        ]) {
          expect((await ctx.as(alice, "POST", "/api/conversations/group", { body })).status).toBe(400);
        }
      });
    });

    test("members: list with agent fields, add (404/400/409 in order), remove", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const one = await newAgent(ctx, alice, "One");
      const two = await newAgent(ctx, alice, "Two");
      const bobs = await newAgent(ctx, bob);
      const group = (
        await ctx.as(alice, "POST", "/api/conversations/group", { body: { title: "G", agentIds: [one.id] } })
      ).body as { id: string };
      const direct = await newConversation(ctx, alice, one.id);

      const members = await ctx.as(alice, "GET", `/api/conversations/${group.id}/members`);
      expect(Object.keys((members.body as object[])[0] ?? {})).toEqual([
        "id",
        "conversationId",
        "agentId",
        "addedAt",
        "agentName",
        "agentDescription",
        "agentAvatarUrl",
      ]);

      await ctx.unchanged(async () => {
        const foreign = await ctx.as(bob, "POST", `/api/conversations/${group.id}/members`, {
          body: { agentId: bobs.id },
        });
        expect(foreign.status).toBe(404);
        expect(foreign.body).toEqual({ error: "Conversation not found" });
        const toDirect = await ctx.as(alice, "POST", `/api/conversations/${direct.id}/members`, {
          body: { agentId: two.id },
        });
        expect(toDirect.body).toEqual({ error: "Cannot add members to a direct conversation" });
        expect(toDirect.status).toBe(400);
        const notMine = await ctx.as(alice, "POST", `/api/conversations/${group.id}/members`, {
          body: { agentId: bobs.id },
        });
        expect(notMine.status).toBe(404);
        expect(notMine.body).toEqual({ error: "Agent not found" });
        const again = await ctx.as(alice, "POST", `/api/conversations/${group.id}/members`, {
          body: { agentId: one.id },
        });
        expect(again.status).toBe(409);
        expect(again.body).toEqual({ error: "Agent is already a member of this group" });
        expect((await ctx.as(bob, "GET", `/api/conversations/${group.id}/members`)).status).toBe(404);
        expect((await ctx.as(bob, "DELETE", `/api/conversations/${group.id}/members/${one.id}`)).status).toBe(
          404,
        );
        const fromDirect = await ctx.as(alice, "DELETE", `/api/conversations/${direct.id}/members/${one.id}`);
        expect(fromDirect.body).toEqual({ error: "Cannot remove members from a direct conversation" });
        const notMember = await ctx.as(alice, "DELETE", `/api/conversations/${group.id}/members/${two.id}`);
        expect(notMember.status).toBe(404);
        expect(notMember.body).toEqual({ error: "Member not found in group" });
      });

      const added = await ctx.as(alice, "POST", `/api/conversations/${group.id}/members`, {
        body: { agentId: two.id },
      });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ conversationId: group.id, agentId: two.id });
      expect((await ctx.as(alice, "DELETE", `/api/conversations/${group.id}/members/${one.id}`)).status).toBe(
        204,
      );
      const left = (await ctx.as(alice, "GET", `/api/conversations/${group.id}/members`)).body as {
        agentName: string;
      }[];
      expect(left.map((m) => m.agentName)).toEqual(["Two"]);
    });
  });
}
