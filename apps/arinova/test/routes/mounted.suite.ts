/**
 * The upload and sandbox routes (built in src/uploads and src/sandbox, tested in depth there)
 * are mounted on this app with its session check and body rules.
 */
import { describe, expect, test } from "bun:test";
import { form, PNG } from "../uploads/samples.ts";
import type { SuiteContext } from "./context.ts";
import { ATTACHMENT_KEYS, newAgent, newConversation } from "./helpers.ts";

export function mountedSuite(ctx: SuiteContext): void {
  describe("mounted upload and sandbox routes", () => {
    test("an upload becomes a message with its attachment, served under /uploads", async () => {
      const alice = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      const form = new FormData();
      form.append("file", new File(["a,b\n1,2\n"], "data.csv", { type: "text/csv" }));
      const upload = await fetch(`${ctx.url}/api/conversations/${conversation.id}/upload`, {
        method: "POST",
        headers: { cookie: alice.cookie },
        body: form,
      });
      expect(upload.status).toBe(200);
      const { message } = (await upload.json()) as {
        message: { id: string; attachments: { url: string }[] };
      };
      const url = message.attachments[0]?.url ?? "";
      expect(url).toMatch(/^\/uploads\/[0-9a-f-]{36}\.csv$/);
      const file = await fetch(ctx.url + url);
      expect(await file.text()).toBe("a,b\n1,2\n");
      const page = await ctx.as(alice, "GET", `/api/conversations/${conversation.id}/messages`);
      // The agent's answer (or its error, with no agent connected) may follow the upload's message.
      expect((page.body as { messages: { id: string }[] }).messages[0]?.id).toBe(message.id);
      const anonymous = await fetch(`${ctx.url}/api/conversations/${conversation.id}/upload`, {
        method: "POST",
        body: form,
      });
      expect(anonymous.status).toBe(401);
    });

    test("mislabeled and oversized uploads are refused with the contract's bodies, changing nothing", async () => {
      const alice = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const conversation = await newConversation(ctx, alice, agent.id);
      const post = (body: FormData) =>
        fetch(`${ctx.url}/api/conversations/${conversation.id}/upload`, {
          method: "POST",
          headers: { cookie: alice.cookie },
          body,
        });
      await ctx.unchanged(async () => {
        const mislabeled = await post(
          form({
            type: "image/png",
            name: "fake.png",
            bytes: new TextEncoder().encode("#!/bin/sh\necho hi\n"),
          }),
        );
        expect(mislabeled.status).toBe(400);
        expect(await mislabeled.json()).toEqual({ error: "File content does not match declared type" });
        const refusedType = await post(form({ type: "text/html", name: "x.html", bytes: PNG }));
        expect(await refusedType.json()).toEqual({ error: "File type text/html is not allowed" });
        const oversized = await post(
          form({ type: "text/plain", name: "big.txt", bytes: new Uint8Array(10_485_761).fill(97) }),
        );
        expect(oversized.status).toBe(413);
        expect(await oversized.json()).toEqual({ error: "request file too large", code: "INTERNAL_ERROR" });
      });
    });

    test("avatar: stored under /uploads/avatars and recorded; attachments: the owner's only", async () => {
      const alice = await ctx.signUp();
      const bob = await ctx.signUp();
      const agent = await newAgent(ctx, alice);
      const avatar = await fetch(`${ctx.url}/api/agents/${agent.id}/avatar`, {
        method: "POST",
        headers: { cookie: alice.cookie },
        body: form({ type: "image/png", name: "me.png", bytes: PNG }),
      });
      expect(avatar.status).toBe(200);
      const { avatarUrl } = (await avatar.json()) as { avatarUrl: string };
      expect(avatarUrl).toMatch(new RegExp(`^/uploads/avatars/avatar_${agent.id}_\\d+\\.png$`));
      expect((await ctx.as(alice, "GET", `/api/agents/${agent.id}`)).body).toMatchObject({ avatarUrl });
      expect(new Uint8Array(await (await fetch(ctx.url + avatarUrl)).arrayBuffer())).toEqual(
        new Uint8Array(PNG),
      );
      await ctx.unchanged(async () => {
        const foreign = await fetch(`${ctx.url}/api/agents/${agent.id}/avatar`, {
          method: "POST",
          headers: { cookie: bob.cookie },
          body: form({ type: "image/png", name: "me.png", bytes: PNG }),
        });
        expect(foreign.status).toBe(404);
        expect(await foreign.json()).toEqual({ error: "Agent not found" });
      });

      const conversation = await newConversation(ctx, alice, agent.id);
      const upload = await fetch(`${ctx.url}/api/conversations/${conversation.id}/upload`, {
        method: "POST",
        headers: { cookie: alice.cookie },
        body: form({ type: "image/png", name: "pic.png", bytes: PNG }),
      });
      const { message } = (await upload.json()) as { message: { attachments: { id: string }[] } };
      const id = message.attachments[0]?.id;
      const own = await ctx.as(alice, "GET", `/api/attachments/${id}`);
      expect(own.status).toBe(200);
      expect(Object.keys(own.body as object)).toEqual(ATTACHMENT_KEYS);
      for (const path of [`/api/attachments/${id}`, "/api/attachments/not-a-uuid"]) {
        const other = await ctx.as(bob, "GET", path);
        expect(other.status).toBe(404);
        expect(other.body).toEqual({ error: "Attachment not found" });
      }
    });

    test("sandbox: runs for a signed-in user; body errors before 401", async () => {
      const alice = await ctx.signUp();
      const run = await ctx.as(alice, "POST", "/api/sandbox/execute", {
        body: { code: "6*7", language: "javascript" },
      });
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ output: "42", error: null });
      const malformed = await ctx.as(undefined, "POST", "/api/sandbox/execute", {
        raw: "{",
        headers: { "content-type": "application/json" },
      });
      expect(malformed.status).toBe(400);
      expect(
        (
          await ctx.as(undefined, "POST", "/api/sandbox/execute", {
            body: { code: "1", language: "javascript" },
          })
        ).status,
      ).toBe(401);
    });
  });
}
