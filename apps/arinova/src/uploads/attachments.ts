/**
 * Attachments: a chat upload becomes a user message (markdown linking the file) plus one
 * attachments row; reading one back checks the chain attachment → message → conversation
 * belongs to the caller. Someone else's row is one that does not exist.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Attachment } from "../chat/attachments.ts";
import { findConversation } from "../chat/conversations.ts";
import { nextSeq } from "../chat/seq.ts";
import type { Database } from "../db/client.ts";
import { attachments, conversations, messages } from "../db/schema/index.ts";
import { isUuid } from "../http/params.ts";

export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;

/** The original let PostgreSQL reject a malformed id with a 500; here it is simply not found. */
export async function findOwnedConversation(
  db: Database,
  userId: string,
  id: string,
): Promise<Conversation | undefined> {
  return isUuid(id) ? findConversation(db, userId, id) : undefined;
}

export async function findOwnedAttachment(
  db: Database,
  userId: string,
  id: string,
): Promise<Attachment | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(messages, eq(messages.id, attachments.messageId))
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(attachments.id, id), eq(conversations.userId, userId)));
  return row?.attachment;
}

/** `![name](url)` for images, `[name](url)` otherwise; a non-empty caption goes first. */
export function uploadMarkdown(
  fileName: string,
  fileType: string,
  url: string,
  caption: string | undefined,
): string {
  const link = `${fileType.startsWith("image/") ? "!" : ""}[${fileName}](${url})`;
  return caption ? `${caption}\n\n${link}` : link;
}

export interface NewAttachment {
  fileName: string;
  fileType: string;
  fileSize: number;
  storagePath: string;
}

/**
 * Writes the user message (next seq, completed) and its attachment in one transaction, the
 * seq taken under the conversation lock every message writer holds (chat/seq.ts). Does not
 * touch `conversations.updated_at`, like the original.
 */
export function postAttachment(
  db: Database,
  conversationId: string,
  content: string,
  file: NewAttachment,
): Promise<{ message: Message; attachment: Attachment }> {
  return db.transaction(async (tx) => {
    const seq = await nextSeq(tx, conversationId);
    const [message] = await tx
      .insert(messages)
      .values({
        conversationId,
        seq,
        role: "user",
        content,
        status: "completed",
        createdAt: sql`clock_timestamp()`,
        updatedAt: sql`clock_timestamp()`,
      })
      .returning();
    const [attachment] = await tx
      .insert(attachments)
      .values({ messageId: message!.id, ...file })
      .returning();
    return { message: message!, attachment: attachment! };
  });
}
