import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env.ts";

// /metrics names rooms' traffic and the instance's load: it must not be readable from the internet.
// It answers a request that carries the configured token (`Authorization: Bearer …`), or one made
// from this machine directly. A request that came through a proxy (any forwarding header) is not
// "from this machine" even though its peer is loopback: the proxy may be relaying the internet.
const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"];
const LOOPBACK = /^(?:127\.|::1$|::ffff:127\.)/;

function hasToken(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, "") ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const metricsAccess: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = c.var.services.metricsToken;
  if (token && hasToken(c.req.header("authorization"), token)) return next();
  const peer = c.env.peerIp;
  const direct = FORWARDING_HEADERS.every((name) => c.req.header(name) === undefined);
  if (peer !== null && LOOPBACK.test(peer) && direct) return next();
  // The same answer as any unknown path: nothing says there is something here to guess at.
  return c.notFound();
};
