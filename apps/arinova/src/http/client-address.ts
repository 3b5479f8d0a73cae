/**
 * The client's address: the TCP peer, or what trusted proxies (TRUSTED_PROXIES) say in
 * X-Forwarded-For. The original used the socket address only, so behind a proxy every user
 * shared one rate-limit bucket.
 */
import { clientIp, peerAddress, type TrustedProxies } from "@rt/kit";
import type { Context } from "hono";

export type ClientAddress = (c: Context) => string | undefined;

export const clientAddressResolver =
  (proxies: TrustedProxies): ClientAddress =>
  (c) =>
    clientIp(c.req.raw, peerAddress(c), proxies);
