/**
 * Content types for files served from the uploads directory, by extension, as the original's
 * static plugin sent them (`text/*` and JSON with `charset=utf-8`).
 */
import { extname } from "node:path";

const BY_EXTENSION: Readonly<Record<string, string>> = {
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".png": "image/png",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".svg": "image/svg+xml",
  ".ico": "image/vnd.microsoft.icon",
  ".avif": "image/avif",
  ".bmp": "image/bmp",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".xml": "application/xml",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".zip": "application/zip",
};

/**
 * Types a browser displays without running anything. Anything else (HTML, SVG, unknown) is
 * served with a sandboxing CSP: a client chooses the extension of what it uploads, and these
 * files share the API's origin.
 */
const INERT: ReadonlySet<string> = new Set([
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "image/vnd.microsoft.icon",
  "application/pdf",
  "text/plain; charset=utf-8",
  "text/csv; charset=utf-8",
  "application/json; charset=utf-8",
]);

export const contentTypeOf = (path: string): string =>
  BY_EXTENSION[extname(path).toLowerCase()] ?? "application/octet-stream";

export const isInert = (contentType: string): boolean => INERT.has(contentType);
