import { Hono } from "hono";
import type { AppEnv } from "../http/env.ts";

export const cableRoutes = new Hono<AppEnv>();

// The WebSocket is opened with the session cookie or not at all (http.md §4), and only from our own
// pages: a cookie-carrying socket opened by another site's script is refused.
cableRoutes.get("/cable", (c) => {
  const user = c.var.user;
  if (!user) return c.text("Unauthorized", 401);
  const origin = c.req.header("origin");
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  if (origin !== undefined && URL.parse(origin)?.host !== host) return c.text("Forbidden", 403);
  const server = c.env.server;
  if (!server) return c.text("WebSockets unavailable", 500);
  const upgraded = c.var.services.cable.hub.upgrade(c.req.raw, server, {
    userId: user.id,
    presentIn: new Set(),
  });
  // After a successful upgrade Bun ignores the response.
  return upgraded ? new Response(null) : c.text("Expected a WebSocket", 400);
});
