import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams, idParam } from "../http/params.ts";
import { turboStreamResponse, wantsTurboStream } from "../http/render.ts";
import { Boost } from "../models/boost.ts";
import { Message } from "../models/message.ts";
import { Room } from "../models/room.ts";
import { boostingFrame, newBoostFrame } from "../views/boosts.ts";
import { turboStream } from "../views/turbo-stream.ts";

// Up to 16 characters with at least one that isn't a space (features.md §9).
const boostSchema = z.object({
  "boost[content]": z
    .string()
    .max(Boost.MAX_LENGTH)
    .refine((content) => content.trim().length > 0),
});

export const boostRoutes = new Hono<AppEnv>();

// Anyone who can see the message (a member of its room) may boost it.
function reachableMessage(c: Context<AppEnv>): Message | null {
  const id = idParam(c.req.param("message_id"));
  const message = id === null ? null : Message.find(c.var.services.db, id);
  if (!message || !Room.findFor(signedInUser(c), message.roomId)) return null;
  return message;
}

boostRoutes.get("/messages/:message_id/boosts", requireAuthentication, (c) => {
  const message = reachableMessage(c);
  return message ? c.html(boostingFrame(message).value) : c.notFound();
});

boostRoutes.get("/messages/:message_id/boosts/new", requireAuthentication, (c) => {
  const message = reachableMessage(c);
  return message ? c.html(newBoostFrame(message).value) : c.notFound();
});

boostRoutes.post("/messages/:message_id/boosts", requireAuthentication, async (c) => {
  const message = reachableMessage(c);
  if (!message) return c.notFound();
  const params = await formParams(c, boostSchema);
  if (!params) return c.text("Boost can't be blank or longer than 16 characters", 422);
  Boost.give(message, signedInUser(c), params["boost[content]"]);
  return c.redirect(`/messages/${message.id}/boosts`, 303);
});

// Only your own boosts, administrators included; anyone else's is "not found".
boostRoutes.delete("/messages/:message_id/boosts/:id", requireAuthentication, (c) => {
  const message = reachableMessage(c);
  const id = idParam(c.req.param("id"));
  if (!message || id === null || !Boost.withdraw(message, signedInUser(c), id)) return c.notFound();
  return wantsTurboStream(c)
    ? turboStreamResponse(c, turboStream("remove", `boost_${id}`))
    : c.body(null, 204);
});
