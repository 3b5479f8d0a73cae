/** Small builders the route suites share. */
import { expect } from "bun:test";
import { appendMessage, type Message } from "../../src/chat/seq.ts";
import type { SignedUp } from "../support/server.ts";
import type { SuiteContext } from "./context.ts";

export const MISSING = "00000000-0000-4000-8000-000000000000";
export const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** MessageWithAttachments and AttachmentOut keys in the order the original emits them (rest.md §2). */
export const MESSAGE_KEYS = [
  "id",
  "conversationId",
  "seq",
  "role",
  "content",
  "status",
  "createdAt",
  "updatedAt",
  "attachments",
];
export const ATTACHMENT_KEYS = ["id", "messageId", "fileName", "fileType", "fileSize", "url", "createdAt"];

export async function newAgent(
  ctx: SuiteContext,
  user: SignedUp,
  name = "Bot",
): Promise<{ id: string; name: string }> {
  const reply = await ctx.as(user, "POST", "/api/agents", { body: { name } });
  expect(reply.status).toBe(201);
  return reply.body as { id: string; name: string };
}

export async function newConversation(
  ctx: SuiteContext,
  user: SignedUp,
  agentId: string,
  title?: string,
): Promise<Record<string, unknown> & { id: string }> {
  const reply = await ctx.as(user, "POST", "/api/conversations", { body: { agentId, title } });
  expect(reply.status).toBe(201);
  return reply.body as Record<string, unknown> & { id: string };
}

/** Messages written through the same seq allocator the WebSocket pipeline uses. */
export async function say(
  ctx: SuiteContext,
  conversationId: string,
  ...contents: string[]
): Promise<Message[]> {
  const written: Message[] = [];
  for (const [i, content] of contents.entries()) {
    written.push(
      await appendMessage(ctx.database.db, {
        conversationId,
        role: i % 2 === 0 ? "user" : "agent",
        content,
        status: "completed",
      }),
    );
  }
  return written;
}
