/**
 * Attachment JSON with its public URL, derived at read time from the current storage mode
 * (rest.md §2): `<R2_PUBLIC_URL>/<key>` when R2 is configured, else `/uploads/<key>`. The rule
 * lives here once; the upload storages (src/uploads) use it for the URLs they hand out.
 */
import { asc, inArray } from "drizzle-orm";
import type { ArinovaConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import { attachments } from "../db/schema/index.ts";

export type Attachment = typeof attachments.$inferSelect;

export interface AttachmentOut {
  id: string;
  messageId: string;
  fileName: string;
  fileType: string;
  fileSize: number;
  url: string;
  createdAt: Date;
}

/** Where the served copy of a stored key is reachable now. */
export type KeyUrl = (storagePath: string) => string;

export const LOCAL_UPLOADS_PREFIX = "/uploads/";

/**
 * A bucket's public base URL (even empty: the original then answered `/<key>`), or relative
 * to this server's `/uploads/*` when files are local (the web app prefixes its backend URL).
 */
export const storedFileUrl = (storagePath: string, bucketPublicUrl?: string): string =>
  bucketPublicUrl === undefined
    ? `${LOCAL_UPLOADS_PREFIX}${storagePath}`
    : `${bucketPublicUrl}/${storagePath}`;

export const attachmentUrl =
  (uploads: ArinovaConfig["uploads"]): KeyUrl =>
  (storagePath) =>
    storedFileUrl(storagePath, uploads.r2?.publicUrl);

export function attachmentOut(row: Attachment, url: KeyUrl): AttachmentOut {
  return {
    id: row.id,
    messageId: row.messageId,
    fileName: row.fileName,
    fileType: row.fileType,
    fileSize: row.fileSize,
    url: url(row.storagePath),
    createdAt: row.createdAt,
  };
}

export async function attachmentsOf(
  db: Database,
  messageIds: string[],
  url: KeyUrl,
): Promise<Map<string, AttachmentOut[]>> {
  const byMessage = new Map<string, AttachmentOut[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select()
    .from(attachments)
    .where(inArray(attachments.messageId, messageIds))
    .orderBy(asc(attachments.createdAt));
  for (const row of rows) {
    byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), attachmentOut(row, url)]);
  }
  return byMessage;
}
