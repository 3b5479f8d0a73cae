/** rest.md §8 messages: search, pages, deletion, over real HTTP. */
import { describe, expect, test } from "bun:test";
import type { MessageWithAttachments } from "../../src/chat/messages.ts";
import { queryRows } from "../db/target.ts";
import type { SuiteContext } from "./context.ts";
import { ATTACHMENT_KEYS, MESSAGE_KEYS, MISSING, newAgent, newConversation, say } from "./helpers.ts";

type Page = { messages: (MessageWithAttachments & { seq: number })[] } & Record<string, unknown>;
const seqs = (page: unknown) => (page as Page).messages.map((m) => m.seq);

export function messagesSuite(ctx: SuiteContext): void {
  describe("messages", () => {
    test("pages: newest first page, before cursor, after cursor, around a message", async () => {
      const alice = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      const written = await say(ctx, conversation.id, ...Array.from({ length: 7 }, (_, i) => `m${i + 1}`));
      const id = (seq: number) => written[seq - 1]!.id;
      const base = `/api/conversations/${conversation.id}/messages`;

      const latest = await ctx.as(alice, "GET", `${base}?limit=3`);
      expect(latest.body).toMatchObject({ hasMore: true, nextCursor: id(5) });
      expect(Object.keys(latest.body as object)).toEqual(["messages", "hasMore", "nextCursor"]);
      expect(seqs(latest.body)).toEqual([5, 6, 7]);
      const message = (latest.body as Page).messages[0];
      expect(Object.keys(message ?? {})).toEqual(MESSAGE_KEYS);
      expect(message?.attachments).toEqual([]);

      const older = await ctx.as(alice, "GET", `${base}?limit=3&before=${id(5)}`);
      expect(seqs(older.body)).toEqual([2, 3, 4]);
      const oldest = await ctx.as(alice, "GET", `${base}?limit=3&before=${id(2)}`);
      expect(oldest.body).toMatchObject({ hasMore: false, nextCursor: id(1) });

      const after = await ctx.as(alice, "GET", `${base}?limit=2&after=${id(3)}`);
      expect(after.body).toMatchObject({ hasMore: false, hasMoreDown: true });
      expect(seqs(after.body)).toEqual([4, 5]);
      const unknownAfter = await ctx.as(alice, "GET", `${base}?after=${MISSING}`);
      expect(unknownAfter.body).toEqual({ messages: [], hasMore: false, hasMoreDown: false });

      const around = await ctx.as(alice, "GET", `${base}?limit=4&around=${id(4)}`);
      expect(seqs(around.body)).toEqual([2, 3, 4, 5, 6]);
      expect(around.body).toMatchObject({
        hasMore: true,
        hasMoreUp: true,
        hasMoreDown: true,
        nextCursor: id(2),
      });
      const missingTarget = await ctx.as(alice, "GET", `${base}?around=${MISSING}`);
      expect(missingTarget.status).toBe(404);
      expect(missingTarget.body).toEqual({ error: "Target message not found" });
    });

    test("pages: messages stamped in the same clock tick keep seq order across cursors", async () => {
      const alice = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      const written = await say(ctx, conversation.id, "a", "b", "c", "d", "e");
      // PGlite's clock is millisecond-grained: quick appends can share a created_at.
      await queryRows(
        ctx.database,
        `update messages set created_at = '2026-01-01T00:00:00.123Z' where conversation_id = '${conversation.id}'`,
      );
      const id = (seq: number) => written[seq - 1]!.id;
      const base = `/api/conversations/${conversation.id}/messages`;
      expect(seqs((await ctx.as(alice, "GET", `${base}?limit=2`)).body)).toEqual([4, 5]);
      expect(seqs((await ctx.as(alice, "GET", `${base}?limit=2&before=${id(4)}`)).body)).toEqual([2, 3]);
      expect(seqs((await ctx.as(alice, "GET", `${base}?limit=2&after=${id(2)}`)).body)).toEqual([3, 4]);
      expect(seqs((await ctx.as(alice, "GET", `${base}?limit=2&around=${id(3)}`)).body)).toEqual([2, 3, 4]);
    });

    test("attachments are listed with their /uploads URL; foreign conversations are 404", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      const [message] = await say(ctx, conversation.id, "see file");
      await queryRows(
        ctx.database,
        `insert into attachments (message_id, file_name, file_type, file_size, storage_path)
         values ('${message?.id}', 'data.csv', 'text/csv', 12, 'abc.csv')`,
      );
      const page = await ctx.as(alice, "GET", `/api/conversations/${conversation.id}/messages`);
      const [attachment] = (page.body as Page).messages[0]?.attachments ?? [];
      expect(Object.keys(attachment ?? {})).toEqual(ATTACHMENT_KEYS);
      expect(attachment).toMatchObject({ fileName: "data.csv", url: "/uploads/abc.csv", fileSize: 12 });
      const foreign = await ctx.as(bob, "GET", `/api/conversations/${conversation.id}/messages`);
      expect(foreign.status).toBe(404);
      expect(foreign.body).toEqual({ error: "Conversation not found" });
    });

    test("search: the caller's matches only, newest first, with total; blank q is empty", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice, "Finder");
      const conversation = await newConversation(ctx, alice, agent.id, "Search me");
      await say(ctx, conversation.id, "the needle one", "hay", "another NEEDLE");
      const bobsAgent = await newAgent(ctx, bob);
      await say(ctx, (await newConversation(ctx, bob, bobsAgent.id)).id, "bob's needle");

      expect((await ctx.as(alice, "GET", "/api/messages/search?q=%20")).body).toEqual({
        results: [],
        total: 0,
      });
      const found = await ctx.as(alice, "GET", "/api/messages/search?q=needle&limit=1");
      const body = found.body as { results: Record<string, unknown>[]; total: number };
      expect(body.total).toBe(2);
      expect(body.results).toHaveLength(1);
      expect(Object.keys(body.results[0] ?? {})).toEqual([
        "messageId",
        "conversationId",
        "content",
        "role",
        "createdAt",
        "conversationTitle",
        "agentId",
        "agentName",
        "agentAvatarUrl",
      ]);
      expect(body.results[0]).toMatchObject({
        content: "another NEEDLE",
        conversationTitle: "Search me",
        agentName: "Finder",
      });
      const second = await ctx.as(alice, "GET", "/api/messages/search?q=needle&limit=1&offset=1");
      expect((second.body as typeof body).results[0]).toMatchObject({ content: "the needle one" });
    });

    test("delete one message: 204; foreign conversation or other conversation's message 404", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const first = await newConversation(ctx, alice, agent.id);
      const second = await newConversation(ctx, alice, agent.id);
      const [message] = await say(ctx, first.id, "bye");
      const [elsewhere] = await say(ctx, second.id, "stay");
      await ctx.unchanged(async () => {
        const foreign = await ctx.as(bob, "DELETE", `/api/conversations/${first.id}/messages/${message?.id}`);
        expect(foreign.status).toBe(404);
        expect(foreign.body).toEqual({ error: "Conversation not found" });
        const wrongConversation = await ctx.as(
          alice,
          "DELETE",
          `/api/conversations/${first.id}/messages/${elsewhere?.id}`,
        );
        expect(wrongConversation.body).toEqual({ error: "Message not found" });
        expect((await ctx.as(alice, "DELETE", `/api/conversations/${first.id}/messages/nope`)).status).toBe(
          404,
        );
      });
      expect(
        (await ctx.as(alice, "DELETE", `/api/conversations/${first.id}/messages/${message?.id}`)).status,
      ).toBe(204);
      expect(seqs((await ctx.as(alice, "GET", `/api/conversations/${first.id}/messages`)).body)).toEqual([]);
    });
  });
}
