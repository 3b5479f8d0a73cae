/**
 * Reads a multipart/form-data body the way the upload routes need it: the whole body (so a
 * `caption` field is found whether it comes before or after the file), bounded while it
 * arrives, then the first file part and the text fields.
 */
import { readBounded } from "../http/bounded-body.ts";
import { mediaType } from "../http/media-type.ts";
import { clientFileName } from "./file-names.ts";
import { MULTIPART_ENVELOPE_BYTES } from "./limits.ts";
import { boundaryOf, parseMultipart } from "./multipart-parser.ts";

export interface UploadedFile {
  /** The client's name, without any directory part. */
  name: string;
  /** The part's declared MIME type (type/subtype, lower case), as the original's parser gave it. */
  declaredType: string;
  bytes: Uint8Array;
}

export type MultipartBody =
  | { kind: "not_multipart" }
  | { kind: "too_large" }
  | { kind: "malformed" }
  | { kind: "parsed"; file: UploadedFile | undefined; fields: ReadonlyMap<string, string> };

export const isMultipart = (request: Request): boolean =>
  mediaType(request.headers.get("content-type") ?? "") === "multipart/form-data";

export async function readMultipart(request: Request, maxFileSize: number): Promise<MultipartBody> {
  if (!isMultipart(request)) return { kind: "not_multipart" };
  const bytes = await readBounded(request, maxFileSize + MULTIPART_ENVELOPE_BYTES);
  if (bytes === undefined) return { kind: "too_large" };

  const boundary = boundaryOf(request.headers.get("content-type") ?? "");
  const form = boundary === undefined ? undefined : parseMultipart(bytes, boundary);
  if (form === undefined) return { kind: "malformed" };
  const [first] = form.files;
  const file = first && {
    name: clientFileName(first.filename),
    declaredType: first.mimeType,
    bytes: first.bytes,
  };
  return { kind: "parsed", file, fields: form.fields };
}
