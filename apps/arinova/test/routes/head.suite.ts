/**
 * rest.md §0.1: the original's framework exposed HEAD for every GET route (same handler, no
 * body). Every GET route of the index is asked both ways, signed in, and must agree on status
 * and headers, HEAD carrying no body.
 */
import { describe, expect, test } from "bun:test";
import type { SuiteContext } from "./context.ts";
import { newAgent, newConversation, say } from "./helpers.ts";

/** Headers that must be the same on GET and HEAD (length aside: see COMPATIBILITY.md). */
const COMPARED = ["content-type", "content-disposition", "cache-control", "etag", "accept-ranges"];

export function headSuite(ctx: SuiteContext): void {
  describe("HEAD", () => {
    test("every GET route answers HEAD with the GET's status and headers and no body", async () => {
      const alice = await ctx.signUp();
      const agent = await newAgent(ctx, alice, "Headless");
      const conversation = await newConversation(ctx, alice, agent.id);
      const [message] = await say(ctx, conversation.id, "hello");
      const group = (
        await ctx.as(alice, "POST", "/api/conversations/group", {
          body: { title: "G", agentIds: [agent.id] },
        })
      ).body as { id: string };
      const form = new FormData();
      form.append("file", new File(["a,b\n"], "head.csv", { type: "text/csv" }));
      const upload = await fetch(`${ctx.url}/api/conversations/${conversation.id}/upload`, {
        method: "POST",
        headers: { cookie: alice.cookie },
        body: form,
      });
      const { message: uploaded } = (await upload.json()) as {
        message: { attachments: { id: string; url: string }[] };
      };
      const attachment = uploaded.attachments[0]!;

      const paths: [path: string, status: number][] = [
        ["/health", 200],
        ["/api/auth/get-session", 200],
        ["/api/agents", 200],
        ["/api/agents/health", 200],
        [`/api/agents/${agent.id}`, 200],
        [`/api/agents/${agent.id}/skills`, 200],
        [`/api/agents/${agent.id}/stats`, 200],
        [`/api/agents/${agent.id}/export`, 200],
        [`/api/agents/${agent.id}/export?format=markdown`, 200],
        [`/api/agents/${agent.id}/health`, 200],
        [`/api/conversations/${group.id}/members`, 200],
        ["/api/conversations", 200],
        [`/api/conversations/${conversation.id}`, 200],
        [`/api/conversations/${conversation.id}/status`, 200],
        ["/api/messages/search?q=hello", 200],
        [`/api/conversations/${conversation.id}/messages`, 200],
        [`/api/attachments/${attachment.id}`, 200],
        ["/api/push/vapid-key", 503],
        ["/api/notifications/preferences", 200],
        [`/api/messages/${message?.id}/reactions`, 200],
        [attachment.url, 200],
        ["/uploads/missing.csv", 404],
        ["/api/agents/00000000-0000-4000-8000-000000000000", 404],
      ];
      for (const [path, status] of paths) {
        const headers = { cookie: alice.cookie };
        const get = await fetch(ctx.url + path, { headers });
        await get.arrayBuffer();
        const head = await fetch(ctx.url + path, { method: "HEAD", headers });
        expect({ path, status: head.status }).toEqual({ path, status });
        expect({ path, status: get.status }).toEqual({ path, status });
        expect(await head.text()).toBe("");
        for (const name of COMPARED) {
          expect({ path, name, value: head.headers.get(name) }).toEqual({
            path,
            name,
            value: get.headers.get(name),
          });
        }
      }
      const anonymous = await fetch(`${ctx.url}/api/agents`, { method: "HEAD" });
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).toBe("");
    });
  });
}
