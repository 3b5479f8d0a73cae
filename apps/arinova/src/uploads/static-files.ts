/**
 * `GET|HEAD /uploads/*` (rest.md §1.7): files under the uploads directory, public, with the
 * original's headers (accept-ranges, `cache-control: public, max-age=0`, last-modified, weak
 * etag, type from the extension), conditional and single-range requests. Anything that is not
 * a regular file inside the directory (missing, a directory, a dotfile, `..` in any form) gets
 * the framework's 404, as the original's static plugin fell through to it.
 */
import { stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import type { Context } from "hono";
import { type ByteRange, parseRange } from "./byte-range.ts";
import { routeNotFound } from "./respond.ts";
import { contentTypeOf, isInert } from "./static-types.ts";

const PREFIX = "/uploads/";

/** The file a request path names, or undefined when it names nothing servable. */
function fileOf(root: string, pathname: string): string | undefined {
  if (!pathname.startsWith(PREFIX)) return undefined;
  const segments: string[] = [];
  for (const raw of pathname.slice(PREFIX.length).split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    // Dotfiles (and so `.`/`..`) are ignored, backslashes and NULs never name a file here.
    if (segment === "" || segment.startsWith(".") || /[\\\0/]/.test(segment)) return undefined;
    segments.push(segment);
  }
  const path = resolve(root, ...segments);
  return path.startsWith(root + sep) ? path : undefined;
}

export async function serveUpload(c: Context, root: string): Promise<Response> {
  const path = fileOf(root, new URL(c.req.url).pathname);
  if (path === undefined) return routeNotFound(c);
  const info = await stat(path).catch(() => undefined);
  if (info === undefined || !info.isFile()) return routeNotFound(c);

  const size = info.size;
  const etag = `W/"${size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"`;
  const lastModified = info.mtime.toUTCString();
  const contentType = contentTypeOf(path);
  const headers = new Headers({
    "accept-ranges": "bytes",
    "cache-control": "public, max-age=0",
    "last-modified": lastModified,
    etag,
    "content-type": contentType,
    "x-content-type-options": "nosniff",
  });
  if (!isInert(contentType)) headers.set("content-security-policy", "sandbox; default-src 'none'");

  if (notModified(c.req.raw.headers, etag, info.mtime)) return new Response(null, { status: 304, headers });

  const range = parseRange(c.req.header("range"), size);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    headers.delete("content-type");
    return new Response(null, { status: 416, headers });
  }
  const whole: ByteRange = { start: 0, end: size - 1 };
  const { start, end } = range ?? whole;
  if (range !== undefined) headers.set("content-range", `bytes ${start}-${end}/${size}`);
  headers.set("content-length", String(size === 0 ? 0 : end - start + 1));
  const status = range === undefined ? 200 : 206;
  if (c.req.method === "HEAD") return new Response(null, { status, headers });
  const body = size === 0 ? new Uint8Array(0) : Bun.file(path).slice(start, end + 1);
  return new Response(body, { status, headers });
}

function notModified(headers: Headers, etag: string, mtime: Date): boolean {
  const ifNoneMatch = headers.get("if-none-match");
  if (ifNoneMatch !== null) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, "");
    return ifNoneMatch.trim() === "*" || ifNoneMatch.split(",").some((tag) => weak(tag) === weak(etag));
  }
  const ifModifiedSince = headers.get("if-modified-since");
  if (ifModifiedSince === null) return false;
  const since = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds.
  return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
}
