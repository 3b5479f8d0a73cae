import type { Fetch, Logger } from "@rt/kit";
import { assertReachable, guardedFetch, isHttpUrl, readBounded } from "./guarded-fetch.ts";
import { openGraphTagsOf, plainMetaText } from "./opengraph.ts";

// What a pasted link unfurls into (http.md §8 "Unfurl"): the card the composer attaches.
export interface LinkPreview {
  title: string;
  url: string;
  image: string | null;
  description: string;
}

export interface UnfurlOptions {
  allowPrivate?: boolean;
  resolve?: Parameters<typeof assertReachable>[1]["resolve"];
  // Sends each pinned request; tests route a "public" address to their local page server.
  fetch?: Fetch;
  // The whole unfurl (every hop, the body, the image check) shares one deadline.
  timeoutMs?: number;
  // The original abandons pages past 5 MB.
  maxBytes?: number;
  // Where a failed unfurl is reported; the console when none is given.
  logger?: Pick<Logger, "warn">;
}

// Links to files and media are never fetched: there is no page to read, only a download to waste.
const FILE_EXTENSION =
  /\.(?:zip|tar|tar\.gz|tar\.bz2|tar\.xz|gz|bz2|rar|7z|dmg|exe|msi|pkg|deb|iso|jpe?g|png|gif|bmp|mp4|mov|avi|mkv|wmv|flv|heic|heif|mp3|wav|ogg|aac|wma|webm|ogv|mpe?g)$/i;
const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

// Null when there is nothing to show: not a page, unreachable, refused, or missing its tags. The
// reason is not the caller's business (the route answers 204 either way), but it is logged.
export async function unfurl(pasted: string, options: UnfurlOptions = {}): Promise<LinkPreview | null> {
  const url = URL.parse(pasted);
  if (!url || !isHttpUrl(url) || FILE_EXTENSION.test(url.pathname)) return null;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 5000);
  const guard = {
    allowPrivate: options.allowPrivate,
    resolve: options.resolve,
    fetch: options.fetch,
    signal,
  };
  try {
    const html = await fetchPage(viaOpenGraphProxy(url), guard, options.maxBytes ?? 5 * 1024 * 1024);
    if (html === null) return null;
    const tags = openGraphTagsOf(html);
    const title = plainMetaText(tags.title ?? "");
    const description = plainMetaText(tags.description ?? "");
    if (!title || !description) return null;
    return {
      title,
      description,
      url: (await publicUrlOrNull(tags.url, guard)) ?? url.href,
      image: await imageOrNull(tags.image, guard),
    };
  } catch (error) {
    // Refusals, timeouts, resets and DNS failures all end the same way: no card.
    const reason = error instanceof Error ? error.message : String(error);
    if (options.logger) options.logger.warn("unfurl failed", { url: url.href, reason });
    else console.warn(`unfurl of ${url.href} failed: ${reason}`);
    return null;
  }
}

type Guard = Parameters<typeof guardedFetch>[2];

async function fetchPage(url: URL, guard: Guard, maxBytes: number): Promise<string | null> {
  const { response } = await guardedFetch(url, "GET", guard);
  const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (response.status !== 200 || type !== "text/html") {
    await response.body?.cancel();
    return null;
  }
  const body = await readBounded(response, maxBytes);
  return body === null ? null : new TextDecoder().decode(body);
}

// Twitter and X don't serve OpenGraph tags to strangers; fxtwitter answers for a status with them.
function viaOpenGraphProxy(url: URL): URL {
  const host = url.hostname.replace(/^(?:www\.|mobile\.)/, "");
  if ((host !== "twitter.com" && host !== "x.com") || !/\/status\/\d+/.test(url.pathname)) return url;
  return new URL(`https://fxtwitter.com${url.pathname}`);
}

async function publicUrlOrNull(value: string | undefined, guard: Guard): Promise<string | null> {
  const url = value ? URL.parse(value.trim()) : null;
  if (!url) return null;
  try {
    await assertReachable(url, guard);
    return url.href;
  } catch {
    return null;
  }
}

// An image is kept only if asking for it (HEAD, same guard) says it is a raster image; SVG can
// carry script, so it never is.
async function imageOrNull(value: string | undefined, guard: Guard): Promise<string | null> {
  const url = value ? URL.parse(value.trim()) : null;
  if (!url || !isHttpUrl(url)) return null;
  try {
    const { response } = await guardedFetch(url, "HEAD", guard);
    await response.body?.cancel();
    const type = (response.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    return response.ok && IMAGE_TYPES.has(type) ? url.href : null;
  } catch {
    return null;
  }
}
