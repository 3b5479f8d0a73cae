/** `/api/messages/:messageId/reactions…` (rest.md §12). Unlike elsewhere, a foreign message is 403. */
import { AppError } from "@rt/kit";
import { Hono } from "hono";
import { z } from "zod";
import { addReaction, messageOwner, reactionSummary, removeReaction } from "../chat/reactions.ts";
import { parseBody, readBody } from "../http/body.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { noContent, sendJson } from "../http/json.ts";
import { isUuid } from "../http/params.ts";
import type { RouteDeps } from "./deps.ts";

const reactionBody = z.object({ emoji: z.string().min(1).max(32) });

/** The router already decoded the segment; the original decoded it once more. */
const decodeAgain = (segment: string): string => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

export function reactionRoutes(deps: RouteDeps): Hono<ArinovaEnv> {
  const { db, requireAuth } = deps;
  const routes = new Hono<ArinovaEnv>();

  routes.post("/api/messages/:messageId/reactions", readBody, requireAuth, async (c) => {
    const { emoji } = parseBody(c, reactionBody);
    const messageId = c.req.param("messageId");
    const owner = isUuid(messageId) ? await messageOwner(db, messageId) : undefined;
    if (owner === undefined) throw new AppError("not_found", "Message not found");
    const userId = c.get("user").id;
    if (owner !== userId) throw new AppError("forbidden", "Forbidden");
    return sendJson(c, await addReaction(db, messageId.toLowerCase(), userId, emoji), 201);
  });

  routes.delete("/api/messages/:messageId/reactions/:emoji", readBody, requireAuth, async (c) => {
    const messageId = c.req.param("messageId");
    const emoji = decodeAgain(c.req.param("emoji"));
    const removed = isUuid(messageId) && (await removeReaction(db, messageId, c.get("user").id, emoji));
    if (!removed) throw new AppError("not_found", "Reaction not found");
    return noContent(c);
  });

  routes.get("/api/messages/:messageId/reactions", requireAuth, async (c) => {
    const messageId = c.req.param("messageId");
    if (!isUuid(messageId)) return sendJson(c, []);
    return sendJson(c, await reactionSummary(db, messageId, c.get("user").id));
  });

  return routes;
}
