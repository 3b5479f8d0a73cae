/**
 * `sync` → `sync_response` (websocket.md §2.5): a summary of every conversation of the user,
 * the messages above the seq the client already has (up to 100 per conversation), then the
 * streams still running, re-attached as `stream_start` plus the whole text so far. The
 * response goes to all the user's sockets, as in the original.
 */
import { and, asc, desc, eq, gt, max } from "drizzle-orm";
import { conversationReads, conversations, messages } from "../db/schema/index.ts";
import { streamChunk, streamStart } from "../ws/server-events.ts";
import type { StreamDeps } from "./deps.ts";

const MISSED_LIMIT = 100;

interface MissedMessage {
  id: string;
  conversationId: string;
  seq: number;
  role: string;
  content: string;
  status: string;
  createdAt: string;
}

type SyncDeps = Pick<StreamDeps, "db" | "events" | "active" | "streamText">;

export async function syncUser(
  deps: SyncDeps,
  userId: string,
  clientSeqs: Readonly<Record<string, number>>,
): Promise<void> {
  const { db, events, active, streamText } = deps;
  const owned = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(eq(conversations.userId, userId));
  if (owned.length === 0) {
    await events.send(
      userId,
      JSON.stringify({ type: "sync_response", conversations: [], missedMessages: [] }),
    );
    return;
  }
  const reads = await db
    .select({
      conversationId: conversationReads.conversationId,
      lastReadSeq: conversationReads.lastReadSeq,
      muted: conversationReads.muted,
    })
    .from(conversationReads)
    .where(eq(conversationReads.userId, userId));
  const readOf = new Map(reads.map((read) => [read.conversationId, read]));

  const summaries: unknown[] = [];
  const missedMessages: MissedMessage[] = [];
  const running: { conversationId: string; messageId: string; seq: number }[] = [];

  for (const { id: conversationId } of owned) {
    const [top] = await db
      .select({ max: max(messages.seq) })
      .from(messages)
      .where(eq(messages.conversationId, conversationId));
    const maxSeq = top?.max ?? 0;
    const [last] = await db
      .select({
        content: messages.content,
        role: messages.role,
        status: messages.status,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(eq(messages.conversationId, conversationId))
      .orderBy(desc(messages.seq))
      .limit(1);
    const read = readOf.get(conversationId);
    summaries.push({
      conversationId,
      unreadCount: Math.max(0, maxSeq - (read?.lastReadSeq ?? 0)),
      maxSeq,
      muted: read?.muted ?? false,
      lastMessage:
        last === undefined
          ? null
          : {
              content: last.content,
              role: last.role,
              status: last.status,
              createdAt: last.createdAt.toISOString(),
            },
    });

    const stream = await active.get(conversationId);
    if (stream?.messageId !== undefined && stream.seq !== undefined) {
      running.push({ conversationId, messageId: stream.messageId, seq: stream.seq });
    }

    const clientSeq = clientSeqs[conversationId];
    if (clientSeq === undefined || clientSeq >= maxSeq) continue;
    const rows = await db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, clientSeq)))
      .orderBy(asc(messages.seq))
      .limit(MISSED_LIMIT);
    for (const row of rows) {
      let { status, content } = row;
      if (status === "streaming" && stream === null) {
        // Nothing is streaming it any more: settle it as the original's repair did.
        status = content ? "completed" : "error";
        await db.update(messages).set({ status, updatedAt: new Date() }).where(eq(messages.id, row.id));
      } else if (status === "streaming") {
        content = (await streamText.read(row.id)) ?? content;
      }
      missedMessages.push({
        id: row.id,
        conversationId,
        seq: row.seq,
        role: row.role,
        content,
        status,
        createdAt: row.createdAt.toISOString(),
      });
    }
  }

  await events.send(
    userId,
    JSON.stringify({ type: "sync_response", conversations: summaries, missedMessages }),
  );
  for (const ref of running) {
    await events.send(userId, streamStart(ref));
    const text = await streamText.read(ref.messageId);
    if (text !== null) await events.send(userId, streamChunk(ref, text));
  }
}
