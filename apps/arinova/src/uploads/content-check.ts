/**
 * What a chat upload may contain (rest.md §9): the declared MIME type must be on the allow-list,
 * and for binary types the bytes, sniffed by magic number with file-type (the library and major
 * version the original used, so the same files pass), must be of *some* allowed type. As in the
 * original, a PNG declared as image/jpeg passes and is recorded as image/jpeg.
 */
import { fileTypeFromBuffer } from "file-type";

export const ALLOWED_UPLOAD_TYPES: readonly string[] = [
  "image/jpeg",
  "image/png",
  "image/gif",
  "image/webp",
  "application/pdf",
  "text/plain",
  "text/csv",
  "application/json",
];

/** Text formats have no magic number, so their content is not checked. */
const UNSNIFFED_TYPES: ReadonlySet<string> = new Set(["text/plain", "text/csv", "application/json"]);

export type ContentVerdict = "ok" | "type_not_allowed" | "content_mismatch";

export const isAllowedUploadType = (declaredType: string): boolean =>
  ALLOWED_UPLOAD_TYPES.includes(declaredType);

export async function checkUploadContent(declaredType: string, bytes: Uint8Array): Promise<ContentVerdict> {
  if (!isAllowedUploadType(declaredType)) return "type_not_allowed";
  if (UNSNIFFED_TYPES.has(declaredType)) return "ok";
  const sniffed = await fileTypeFromBuffer(bytes);
  return sniffed !== undefined && isAllowedUploadType(sniffed.mime) ? "ok" : "content_mismatch";
}
