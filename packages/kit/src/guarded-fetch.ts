/**
 * fetch() for user-supplied URLs, pinned to the addresses the private-address guard checked.
 *
 * Checking a name and then calling fetch(url) leaves a gap: fetch resolves the name again, and a
 * DNS server answering with a short TTL (rebinding) can hand the check a public address and the
 * connection a private one. guardedFetch resolves the host once, checks every address, and then
 * connects to a checked address itself: the URL's host is replaced by the IP literal, the
 * original name goes in the Host header, and for https the TLS server name (SNI) and the
 * certificate check use the original name. Nothing resolves the name a second time.
 *
 * Redirects are never followed (`redirect: "manual"`): a caller that follows them does so hop by
 * hop, each hop through guardedFetch, so a public server cannot bounce the request inward.
 */
import { checkServerIdentity } from "node:tls";
import { BlockedAddressError, isBlockedAddress, type Resolver, systemResolver } from "./address-guard.ts";
import { parseIp } from "./ip.ts";

/** What guardedFetch sends the pinned request with: `fetch` itself, or a test double. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface GuardedFetchOptions {
  /** Allow loopback and private addresses (tests, or an operator's own internal services). */
  allowPrivate?: boolean;
  /** How the host name is resolved, once per call (tests pin a name to an address). */
  resolve?: Resolver;
  /** Sends the pinned request; `fetch` by default. */
  fetch?: Fetch;
}

/** Raised for URLs guardedFetch will not request at all (not http(s)). */
export class UnsupportedUrlError extends Error {
  constructor(readonly url: string) {
    super(`not an http(s) URL: ${url}`);
    this.name = "UnsupportedUrlError";
  }
}

/** Races a promise that takes no signal (a DNS lookup) against one. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | null | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

// Failures that happen before a byte of the request was sent: the next address may still answer.
const CONNECT_ERRORS = new Set([
  "ECONNREFUSED",
  "ConnectionRefused",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ENETDOWN",
]);

const isConnectError = (error: unknown): boolean =>
  typeof error === "object" &&
  error !== null &&
  "code" in error &&
  typeof error.code === "string" &&
  CONNECT_ERRORS.has(error.code);

/**
 * The host's addresses, each checked unless `allowPrivate`. Every address must be an IP literal:
 * a resolver answering with anything else is refused, since connecting to it would resolve again.
 */
async function checkedAddresses(
  hostname: string,
  options: GuardedFetchOptions,
  signal: AbortSignal | null | undefined,
): Promise<string[]> {
  const literal = parseIp(hostname);
  const addresses = literal
    ? [hostname]
    : await untilAborted((options.resolve ?? systemResolver)(hostname), signal);
  if (addresses.length === 0) throw new BlockedAddressError(hostname, "(none)");
  for (const address of addresses) {
    // Plain literals only: no brackets, no zone index, nothing a URL host could read differently.
    const parsed = /^[0-9a-f:.]+$/i.test(address) ? parseIp(address) : undefined;
    if (parsed === undefined || (!options.allowPrivate && isBlockedAddress(parsed))) {
      throw new BlockedAddressError(hostname, address);
    }
  }
  return addresses;
}

/** The URL with its host replaced by `address` (bracketed for IPv6), port and path kept. */
function pinnedUrl(url: URL, address: string): URL {
  const pinned = new URL(url);
  pinned.hostname = address.includes(":") ? `[${address}]` : address;
  return pinned;
}

/**
 * Requests `input` (http or https) at an address its host resolved to, refusing non-public
 * addresses unless `allowPrivate`. Throws BlockedAddressError when refused, UnsupportedUrlError
 * for other schemes, and fetch's own errors otherwise. If an address refuses the connection the
 * next checked one is tried (when the body can be sent again). The response is returned as is;
 * a 3xx is not followed, and its `url` names the address connected to, not the host (resolve a
 * Location header against the URL that was asked for).
 */
export async function guardedFetch(
  input: string | URL,
  init: RequestInit = {},
  options: GuardedFetchOptions = {},
): Promise<Response> {
  const url = new URL(input);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UnsupportedUrlError(url.href);
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  const addresses = await checkedAddresses(hostname, options, init.signal);
  const send = options.fetch ?? fetch;
  const headers = new Headers(init.headers);
  // url.host carries the port only when it is not the scheme's default, as a browser sends it.
  headers.set("host", url.host);
  const tls =
    url.protocol === "https:"
      ? {
          ...(init as BunFetchRequestInit).tls,
          serverName: hostname,
          checkServerIdentity: (_name: string, cert: Parameters<typeof checkServerIdentity>[1]) =>
            checkServerIdentity(hostname, cert),
        }
      : undefined;
  // A stream body is consumed by the first attempt; only replayable bodies move to the next address.
  const replayable = !(init.body instanceof ReadableStream);
  for (const [index, address] of addresses.entries()) {
    const request: BunFetchRequestInit = { ...init, headers, redirect: "manual" };
    if (tls) request.tls = tls;
    try {
      return await send(pinnedUrl(url, address), request);
    } catch (error) {
      const last = index === addresses.length - 1;
      if (last || !replayable || init.signal?.aborted || !isConnectError(error)) throw error;
    }
  }
  // Unreachable: the loop returns or throws on its last address, and there is at least one.
  throw new BlockedAddressError(hostname, "(none)");
}
