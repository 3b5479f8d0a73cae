/**
 * A multipart/form-data parser over a body already in memory. Bun's own FormData parser is not
 * usable here: it replaces each file part's declared Content-Type with a guess from the file
 * name (a `.png` declared as image/jpeg reads back as image/png, a name without an extension
 * reads back as ""), and the declared type is exactly what the upload rules check.
 *
 * Part semantics follow busboy, the original's parser: a part with a `filename` parameter is a
 * file; a part without Content-Type is text/plain (RFC 7578); header parameters are UTF-8; a
 * field value is cut at 1 MiB; at most 1000 parts.
 */
import { mediaType } from "../http/media-type.ts";

export interface FilePart {
  field: string;
  /** As sent, possibly with a directory part; may be "". */
  filename: string;
  /** type/subtype, lower case. */
  mimeType: string;
  bytes: Uint8Array;
}

export interface ParsedForm {
  files: FilePart[];
  fields: Map<string, string>;
}

const MAX_PARTS = 1000;
const MAX_FIELD_BYTES = 1_048_576;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const utf8 = new TextDecoder();

/** The boundary parameter of a multipart Content-Type, unquoted. */
export function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** The parsed form, or undefined when the body is not well-formed multipart. */
export function parseMultipart(body: Uint8Array, boundary: string): ParsedForm | undefined {
  const data = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const form: ParsedForm = { files: [], fields: new Map() };

  // The first delimiter may follow a preamble; later ones are preceded by CRLF.
  let at = data.indexOf(opening);
  if (at === -1) return undefined;
  at += opening.length;
  for (let parts = 0; ; parts++) {
    if (data[at] === 0x2d && data[at + 1] === 0x2d) return form; // "--": the closing delimiter
    if (parts >= MAX_PARTS || !data.subarray(at, at + 2).equals(CRLF)) return undefined;
    const headersStart = at + 2;
    const headersEnd = data.indexOf(HEADER_END, headersStart);
    if (headersEnd === -1) return undefined;
    const contentStart = headersEnd + HEADER_END.length;
    const contentEnd = data.indexOf(delimiter, contentStart);
    if (contentEnd === -1) return undefined;
    const headers = parseHeaders(utf8.decode(data.subarray(headersStart, headersEnd)));
    addPart(form, headers, data.subarray(contentStart, contentEnd));
    at = contentEnd + delimiter.length;
  }
}

function addPart(form: ParsedForm, headers: Map<string, string>, content: Uint8Array): void {
  const disposition = parseParameters(headers.get("content-disposition") ?? "");
  const field = disposition.get("name");
  if (field === undefined) return;
  const filename = disposition.get("filename*") ?? disposition.get("filename");
  if (filename === undefined) {
    if (!form.fields.has(field)) form.fields.set(field, utf8.decode(content.subarray(0, MAX_FIELD_BYTES)));
    return;
  }
  const declared = mediaType(headers.get("content-type") ?? "");
  // Copied out so the part does not pin the whole request body.
  form.files.push({
    field,
    filename,
    mimeType: declared === "" ? "text/plain" : declared,
    bytes: content.slice(),
  });
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** `form-data; name="file"; filename="a \"b\".png"; filename*=UTF-8''a%20b.png` → parameters. */
function parseParameters(value: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g;
  for (const match of value.matchAll(pattern)) {
    const name = match[1]!.toLowerCase();
    const raw = match[2] !== undefined ? match[2].replace(/\\(.)/g, "$1") : (match[3] ?? "").trim();
    params.set(name, name.endsWith("*") ? decodeExtended(raw) : raw);
  }
  return params;
}

/** RFC 5987 `charset'lang'percent-encoded`. */
function decodeExtended(raw: string): string {
  const [, encoded = raw] = /^[^']*'[^']*'(.*)$/.exec(raw) ?? [];
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}
