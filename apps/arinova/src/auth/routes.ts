/**
 * `/api/auth/*`: every method handed to Better Auth as the original's proxy did (rest.md §4).
 * The body has already been read by the framework rules (JSON only; 415 for forms) and is
 * re-serialized; Better Auth's status, headers (each Set-Cookie) and body pass through as is.
 */
import { Hono } from "hono";
import { parseRequestBody } from "../http/body.ts";
import type { ClientAddress } from "../http/client-address.ts";
import type { ArinovaEnv } from "../http/env.ts";
import { type BetterAuth, CLIENT_IP_HEADER } from "./better-auth.ts";

export function authRoutes(auth: BetterAuth, clientAddress: ClientAddress): Hono<ArinovaEnv> {
  const routes = new Hono<ArinovaEnv>();
  routes.all("/api/auth/*", async (c) => {
    const body = await parseRequestBody(c.req.raw);
    const headers = new Headers(c.req.raw.headers);
    headers.delete(CLIENT_IP_HEADER);
    const address = clientAddress(c);
    if (address !== undefined) headers.set(CLIENT_IP_HEADER, address);
    const hasBody = body !== undefined && c.req.method !== "GET" && c.req.method !== "HEAD";
    if (hasBody) headers.delete("content-length");
    const request = new Request(c.req.url, {
      // Hono answers HEAD with the GET route minus the body; Better Auth only knows GET.
      method: c.req.method === "HEAD" ? "GET" : c.req.method,
      headers,
      body: hasBody ? JSON.stringify(body) : undefined,
    });
    return auth.handler(request);
  });
  return routes;
}
