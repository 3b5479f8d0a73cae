import { assertPublicUrl, type Fetch, guardedFetch as pinnedFetch, type Resolver } from "@rt/kit";

// Outbound requests to URLs a member typed (security.md §7). Any member can trigger one, so each
// request, and each redirect hop, goes through @rt/kit's guardedFetch: the host is resolved once,
// every address is checked against the server's own network, and the connection goes to the
// checked address (so a DNS answer that changes between check and connect cannot reach inside).
// fetch must never follow a redirect by itself, or a public page could bounce us to 127.0.0.1.
export interface GuardOptions {
  // Loopback and private addresses allowed: only tests, whose pages are served on loopback.
  allowPrivate?: boolean;
  // How host names are resolved for the check (tests pin a name to an address).
  resolve?: Resolver;
  // Sends each pinned request (tests route a "public" address to their local page server).
  fetch?: Fetch;
  // The original follows up to 10 redirects.
  maxRedirects?: number;
  signal: AbortSignal;
}

export class FetchRefused extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = "FetchRefused";
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function isHttpUrl(url: URL): boolean {
  return url.protocol === "http:" || url.protocol === "https:";
}

function requireHttpUrl(url: URL): void {
  if (!isHttpUrl(url)) throw new FetchRefused(`not an http(s) URL: ${url.protocol}`);
}

// Rejects (BlockedAddressError) unless every address the host resolves to is public. A check only:
// for a URL that is passed on (og:url), not requested.
export async function assertReachable(url: URL, options: Omit<GuardOptions, "signal">): Promise<void> {
  requireHttpUrl(url);
  if (!options.allowPrivate) await assertPublicUrl(url, options.resolve);
}

// GET or HEAD with redirects followed by hand; resolves with the final response (body unread).
export async function guardedFetch(
  start: URL,
  method: "GET" | "HEAD",
  options: GuardOptions,
): Promise<{ response: Response; url: URL }> {
  const maxRedirects = options.maxRedirects ?? 10;
  let url = start;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    requireHttpUrl(url);
    const response = await pinnedFetch(
      url,
      {
        method,
        signal: options.signal,
        headers: { accept: method === "GET" ? "text/html" : "image/*", "user-agent": "Campfire-Unfurl/1.0" },
      },
      { allowPrivate: options.allowPrivate, resolve: options.resolve, fetch: options.fetch },
    );
    const location = response.headers.get("location");
    if (!REDIRECTS.has(response.status) || location === null) return { response, url };
    await response.body?.cancel();
    const next = URL.parse(location, url);
    if (!next || !isHttpUrl(next)) throw new FetchRefused(`redirect to a non-http(s) location`);
    url = next;
  }
  throw new FetchRefused(`more than ${maxRedirects} redirects`);
}

// Reads at most maxBytes of the body; past that the transfer is abandoned, whatever
// Content-Length claimed (it may lie or be missing). Null means too large.
export async function readBounded(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) {
    await response.body?.cancel();
    return null;
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
