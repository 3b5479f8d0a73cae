/** Message search, pages and deletion (rest.md §8). */
import { AppError } from "@rt/kit";
import { Hono } from "hono";
import { findConversation } from "../chat/conversations.ts";
import { messagePage, type PageRequest } from "../chat/message-pages.ts";
import { deleteMessage, withAttachments } from "../chat/messages.ts";
import { searchMessages } from "../chat/search.ts";
import { readBody } from "../http/body.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { noContent, sendJson } from "../http/json.ts";
import { uuidParam } from "../http/params.ts";
import type { RouteDeps } from "./deps.ts";

const NOT_FOUND = "Conversation not found";

/** `parseInt` as the original used it: leading digits count, anything else is NaN. */
const intOr = (raw: string | undefined, fallback: number): number => {
  const value = Number.parseInt(raw ?? String(fallback), 10);
  return Number.isNaN(value) ? Number.NaN : value;
};

function pageRequest(query: (name: string) => string | undefined): PageRequest {
  // NaN (a non-numeric limit) gave the original an empty page; 0 does the same here.
  const parsed = Math.min(intOr(query("limit"), 50), 100);
  const limit = Number.isNaN(parsed) ? 0 : parsed;
  const around = query("around");
  if (around) return { mode: "around", messageId: around, limit };
  const after = query("after");
  if (after) return { mode: "after", messageId: after, limit };
  return { mode: "before", messageId: query("before") || undefined, limit };
}

export function messageRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const { db, requireAuth } = deps;
  const routes = new Hono<ArinovaEnv>();

  routes.get("/api/messages/search", requireAuth, async (c) => {
    const q = c.req.query("q")?.trim();
    if (!q) return sendJson(c, { results: [], total: 0 });
    const limit = Math.min(intOr(c.req.query("limit"), 20), 50);
    const offset = intOr(c.req.query("offset"), 0);
    const valid = (n: number, fallback: number) => (Number.isNaN(n) || n < 0 ? fallback : n);
    return sendJson(c, await searchMessages(db, c.get("user").id, q, valid(limit, 20), valid(offset, 0)));
  });

  routes.get("/api/conversations/:id/messages", requireAuth, async (c) => {
    const conversation = await findConversation(db, c.get("user").id, uuidParam(c, "id", NOT_FOUND));
    if (conversation === undefined) throw new AppError("not_found", NOT_FOUND);
    const page = await messagePage(
      db,
      conversation.id,
      pageRequest((name) => c.req.query(name)),
    );
    if (page.kind === "target_not_found") throw new AppError("not_found", "Target message not found");
    const shown = await withAttachments(db, page.messages, deps.config.uploads, deps.streamText);
    if (page.kind === "around") {
      return sendJson(c, {
        messages: shown,
        hasMore: page.hasMoreUp,
        hasMoreUp: page.hasMoreUp,
        hasMoreDown: page.hasMoreDown,
        nextCursor: page.nextCursor,
      });
    }
    if (page.kind === "after")
      return sendJson(c, { messages: shown, hasMore: false, hasMoreDown: page.hasMoreDown });
    return sendJson(c, { messages: shown, hasMore: page.hasMore, nextCursor: page.nextCursor });
  });

  routes.delete(
    "/api/conversations/:conversationId/messages/:messageId",
    readBody,
    requireAuth,
    async (c) => {
      const conversation = await findConversation(
        db,
        c.get("user").id,
        uuidParam(c, "conversationId", NOT_FOUND),
      );
      if (conversation === undefined) throw new AppError("not_found", NOT_FOUND);
      const messageId = uuidParam(c, "messageId", "Message not found");
      if (!(await deleteMessage(db, conversation.id, messageId)))
        throw new AppError("not_found", "Message not found");
      return noContent(c);
    },
  );

  return routes;
}
