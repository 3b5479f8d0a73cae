/** rest.md §12 reactions, over real HTTP. */
import { describe, expect, test } from "bun:test";
import type { SuiteContext } from "./context.ts";
import { MISSING, newAgent, newConversation, say } from "./helpers.ts";

export function reactionsSuite(ctx: SuiteContext): void {
  describe("reactions", () => {
    test("add (201 row, duplicate 201 without id), summary, remove; foreign message 403", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      const [message] = await say(ctx, conversation.id, "react to me");
      const path = `/api/messages/${message?.id}/reactions`;

      const added = await ctx.as(alice, "POST", path, { body: { emoji: "👍" } });
      expect(added.status).toBe(201);
      expect(Object.keys(added.body as object)).toEqual(["id", "messageId", "userId", "emoji", "createdAt"]);
      const duplicate = await ctx.as(alice, "POST", path, { body: { emoji: "👍" } });
      expect(duplicate.status).toBe(201);
      expect(duplicate.body).toEqual({ messageId: message?.id, userId: alice.user.id, emoji: "👍" });
      await ctx.as(alice, "POST", path, { body: { emoji: "🎉" } });

      await ctx.unchanged(async () => {
        const forbidden = await ctx.as(bob, "POST", path, { body: { emoji: "👎" } });
        expect(forbidden.status).toBe(403);
        expect(forbidden.body).toEqual({ error: "Forbidden" });
        for (const id of [MISSING, "nope"]) {
          const missing = await ctx.as(alice, "POST", `/api/messages/${id}/reactions`, {
            body: { emoji: "👍" },
          });
          expect(missing.status).toBe(404);
          expect(missing.body).toEqual({ error: "Message not found" });
        }
        for (const body of [{}, { emoji: "" }, { emoji: "x".repeat(33) }, { emoji: 1 }]) {
          expect((await ctx.as(alice, "POST", path, { body })).status).toBe(400);
        }
        const notMine = await ctx.as(bob, "DELETE", `${path}/${encodeURIComponent("👍")}`);
        expect(notMine.status).toBe(404);
        expect(notMine.body).toEqual({ error: "Reaction not found" });
      });

      expect((await ctx.as(alice, "GET", path)).body).toEqual([
        { emoji: "👍", count: 1, userReacted: true },
        { emoji: "🎉", count: 1, userReacted: true },
      ]);
      expect((await ctx.as(bob, "GET", path)).body).toEqual([
        { emoji: "👍", count: 1, userReacted: false },
        { emoji: "🎉", count: 1, userReacted: false },
      ]);
      expect((await ctx.as(alice, "GET", `/api/messages/${MISSING}/reactions`)).body).toEqual([]);

      const removed = await ctx.as(alice, "DELETE", `${path}/${encodeURIComponent("👍")}`);
      expect(removed.status).toBe(204);
      expect((await ctx.as(alice, "GET", path)).body).toEqual([{ emoji: "🎉", count: 1, userReacted: true }]);
    });
  });
}
