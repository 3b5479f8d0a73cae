/** Single messages: find within a conversation, delete, and decorate for output. */
import { and, eq } from "drizzle-orm";
import type { ArinovaConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import { messages } from "../db/schema/index.ts";
import { type AttachmentOut, attachmentsOf, attachmentUrl } from "./attachments.ts";
import type { Message } from "./seq.ts";
import type { StreamText } from "./stream-text.ts";

export async function deleteMessage(
  db: Database,
  conversationId: string,
  messageId: string,
): Promise<boolean> {
  const deleted = await db
    .delete(messages)
    .where(and(eq(messages.id, messageId), eq(messages.conversationId, conversationId)))
    .returning({ id: messages.id });
  return deleted.length > 0;
}

export type MessageWithAttachments = Message & { attachments: AttachmentOut[] };

/**
 * Attachments for every message, and for a message still streaming the text accumulated so
 * far (its stored content stays empty until the stream completes).
 */
export async function withAttachments(
  db: Database,
  rows: Message[],
  uploads: ArinovaConfig["uploads"],
  streamText: StreamText,
): Promise<MessageWithAttachments[]> {
  const files = await attachmentsOf(
    db,
    rows.map((row) => row.id),
    attachmentUrl(uploads),
  );
  const streaming = rows.filter((row) => row.status === "streaming").map((row) => row.id);
  const partial =
    streaming.length > 0
      ? await streamText.read(streaming).catch(() => new Map<string, string>())
      : new Map<string, string>();
  return rows.map((row) => ({
    ...row,
    content: partial.get(row.id) ?? row.content,
    attachments: files.get(row.id) ?? [],
  }));
}
