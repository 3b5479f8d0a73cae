/**
 * Who may read /metrics. The original has no such route, so by default it must not be
 * reachable from the internet: only a request from this host that no proxy forwarded (a
 * reverse proxy on the same host would otherwise make every internet request look local),
 * or one carrying `Authorization: Bearer <METRICS_TOKEN>` when a token is configured.
 * Anyone else gets the ordinary unknown-route 404, so the route's existence is not revealed.
 */
import { timingSafeEqual } from "node:crypto";
import { peerAddress } from "@rt/kit";
import type { MiddlewareHandler } from "hono";
import type { ArinovaEnv } from "../http/env.ts";
import { routeNotFound } from "../http/errors.ts";

const FORWARDING_HEADERS = ["x-forwarded-for", "forwarded", "x-real-ip"] as const;

export function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}

function tokenMatches(header: string | undefined, token: string): boolean {
  if (header === undefined || !header.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice(7));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function metricsAccess(token: string | undefined): MiddlewareHandler<ArinovaEnv> {
  return async (c, next) => {
    if (token !== undefined && tokenMatches(c.req.header("authorization"), token)) return next();
    const forwarded = FORWARDING_HEADERS.some((name) => c.req.header(name) !== undefined);
    if (!forwarded && isLoopback(peerAddress(c))) return next();
    return routeNotFound(c);
  };
}
