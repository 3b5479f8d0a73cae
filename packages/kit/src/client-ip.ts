/**
 * Which address a request came from. X-Forwarded-For is believed only as far as it was written
 * by proxies we trust; anyone else can put whatever they like in it.
 */
import type { Context } from "hono";
import { type Cidr, inAnyRange, parseCidrList, parseIp } from "./ip.ts";

export type TrustedProxies = readonly Cidr[];

/** Parses `["10.0.0.0/8", "127.0.0.1"]` once at start-up; throws on a malformed entry. */
export const trustedProxies = (ranges: readonly string[]): TrustedProxies => parseCidrList(ranges);

// Some proxies append the port: "203.0.113.7:51234", "[2001:db8::1]:443".
const withoutPort = (hop: string): string =>
  hop.replace(/^(\d+\.\d+\.\d+\.\d+):\d+$/, "$1").replace(/^\[(.+)\]:\d+$/, "$1");

const trusted = (proxies: TrustedProxies, address: string): boolean => {
  const ip = parseIp(address);
  return ip !== undefined && inAnyRange(proxies, ip);
};

/**
 * The client address: the direct peer, unless the peer is a trusted proxy, in which case the
 * X-Forwarded-For chain is walked from the right (the hop nearest us) to the first untrusted hop.
 */
export function clientIp(
  req: Request,
  peer: string | undefined,
  proxies: TrustedProxies,
): string | undefined {
  if (peer === undefined || !trusted(proxies, peer)) return peer;
  const chain = (req.headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => withoutPort(hop.trim()))
    .filter((hop) => hop !== "");
  for (let i = chain.length - 1; i >= 0; i--) {
    const hop = chain[i]!;
    if (parseIp(hop) === undefined) return peer; // a forged or garbled hop: trust nothing beyond it
    if (!trusted(proxies, hop)) return hop;
  }
  return chain[0] ?? peer;
}

interface PeerSource {
  requestIP(req: Request): { address: string } | null;
}

const isPeerSource = (value: unknown): value is PeerSource =>
  typeof value === "object" && value !== null && typeof Reflect.get(value, "requestIP") === "function";

/**
 * The TCP peer of a request. Bun calls `fetch(req, server)`, so under Bun.serve Hono's `c.env`
 * is the Server; anywhere else (app.request() in tests) there is no peer.
 */
export function peerAddress(c: Context): string | undefined {
  const env: unknown = c.env;
  if (!isPeerSource(env)) return undefined;
  return env.requestIP(c.req.raw)?.address ?? undefined;
}
