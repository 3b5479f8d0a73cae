/**
 * The two upgrade routes. They sit behind the app's middleware, so an upgrade counts against
 * the HTTP rate limit as in the original. /ws reads the session cookie of the upgrade request
 * and, like the original, upgrades even without one, closing at once with 4401.
 */
import type { WsHub } from "@rt/realtime";
import type { Server } from "bun";
import { type Context, Hono } from "hono";
import type { SessionFromHeaders } from "../auth/session.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { agentData, clientData, type SocketData } from "./socket-data.ts";

const wantsUpgrade = (c: Context): boolean => c.req.header("upgrade")?.toLowerCase() === "websocket";

export function websocketRoutes(
  hub: WsHub<SocketData>,
  sessionFromHeaders: SessionFromHeaders,
): Hono<ArinovaEnv> {
  const routes = new Hono<ArinovaEnv>();
  const upgrade = (c: Context, data: SocketData): Response =>
    hub.upgrade(c.req.raw, c.env as Server<SocketData>, data)
      ? new Response(null)
      : new Response(null, { status: 400 });

  routes.get("/ws", async (c) => {
    if (!wantsUpgrade(c)) return c.body(null, 404);
    const session = await sessionFromHeaders(c.req.raw.headers).catch(() => null);
    return upgrade(c, clientData(session?.user.id ?? ""));
  });

  routes.get("/ws/agent", (c) => {
    if (!wantsUpgrade(c)) return c.body(null, 404);
    return upgrade(c, agentData());
  });

  return routes;
}
