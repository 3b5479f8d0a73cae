/**
 * Message sequence numbers: per conversation, `max(seq) + 1`, starting at 1 (and again at 1
 * after a conversation is cleared, as in the original). The column is not unique (old data
 * holds duplicates), so concurrent writers are serialized by a transaction-scoped advisory
 * lock on the conversation instead. Every writer of messages (uploads, the WebSocket pipeline)
 * goes through `appendMessage` or `nextSeq`.
 */
import { eq, sql } from "drizzle-orm";
import type postgres from "postgres";
import { type Database, postgresClientOf } from "../db/client.ts";
import { conversations, messages } from "../db/schema/index.ts";

export type Message = typeof messages.$inferSelect;
type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface NewMessage {
  conversationId: string;
  role: "user" | "agent";
  content: string;
  status: "pending" | "streaming" | "completed" | "cancelled" | "error";
}

export interface AppendOptions {
  /** Also set `conversations.updated_at` (moves the conversation up the list), in the same transaction. */
  bumpConversation?: boolean;
}

const lockConversation = (tx: Transaction, conversationId: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${conversationId}, 0))`);

/** Call inside a transaction: holds the conversation's lock until it ends. */
export async function nextSeq(tx: Transaction, conversationId: string): Promise<number> {
  await lockConversation(tx, conversationId);
  const [row] = await tx
    .select({ max: sql<number | null>`max(${messages.seq})` })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  return Number(row?.max ?? 0) + 1;
}

/**
 * The lock, the insert (its seq computed in the same statement) and the optional bump are sent
 * together without waiting for each other's answers: the server still runs them in order, and
 * the insert's snapshot is taken after the lock is granted, so `max(seq)` sees every earlier
 * writer. On PostgreSQL `begin` and `commit` go in the same write (appendPipelined): one round
 * trip instead of five, which is what a burst of new streams is made of.
 */
export async function appendMessage(
  db: Database,
  message: NewMessage,
  options: AppendOptions = {},
): Promise<Message> {
  const [row] = await appendMessages(db, [message], options);
  return row!;
}

/**
 * Several messages of one conversation with consecutive seqs, in the given order, in one
 * transaction and one statement (a user message and the agent's answer starting: one commit).
 */
export function appendMessages(
  db: Database,
  batch: readonly NewMessage[],
  options: AppendOptions = {},
): Promise<Message[]> {
  const conversationId = batch[0]!.conversationId;
  if (batch.some((message) => message.conversationId !== conversationId)) {
    throw new Error("appendMessages: one conversation per call");
  }
  const client = postgresClientOf(db);
  if (client !== undefined) return appendPipelined(client, conversationId, batch, options);
  return db.transaction(async (tx) => {
    const seqAfterMax = (offset: number) =>
      sql<number>`(select coalesce(max(${messages.seq}), 0) + ${offset} from ${messages} where ${messages.conversationId} = ${conversationId})`;
    const insert = tx
      .insert(messages)
      // Stamped after the lock is held, so creation order (what pages sort by) agrees with seq.
      .values(
        batch.map((message, index) => ({
          ...message,
          seq: seqAfterMax(index + 1),
          createdAt: sql`clock_timestamp()`,
          updatedAt: sql`clock_timestamp()`,
        })),
      )
      .returning();
    const bump = options.bumpConversation
      ? tx.update(conversations).set({ updatedAt: sql`now()` }).where(eq(conversations.id, conversationId))
      : undefined;
    const [, rows] = await Promise.all([lockConversation(tx, conversationId), insert, bump]);
    return rows.sort((a, b) => a.seq - b.seq);
  });
}

/** The same insert as the Drizzle one above, written once per batch size. */
const insertStatements = new Map<number, string>();
function insertStatement(size: number): string {
  let text = insertStatements.get(size);
  if (text === undefined) {
    const rows = Array.from({ length: size }, (_, i) => {
      const seq = `(select coalesce(max("seq"), 0) + ${i + 1} from "messages" where "conversation_id" = $1)`;
      return `($1, ${seq}, $${3 * i + 2}, $${3 * i + 3}, $${3 * i + 4}, clock_timestamp(), clock_timestamp())`;
    });
    text =
      `insert into "messages" ("conversation_id", "seq", "role", "content", "status", "created_at", "updated_at") ` +
      `values ${rows.join(", ")} ` +
      `returning "id", "conversation_id", "seq", "role", "content", "status", "created_at", "updated_at"`;
    insertStatements.set(size, text);
  }
  return text;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: Message["role"];
  content: string;
  status: Message["status"];
  created_at: string | Date;
  updated_at: string | Date;
}

const messageOf = (row: MessageRow): Message => ({
  id: row.id,
  conversationId: row.conversation_id,
  seq: row.seq,
  role: row.role,
  content: row.content,
  status: row.status,
  // Drizzle's own reading of these columns (UTC wall time, see db/client.ts).
  createdAt: messages.createdAt.mapFromDriverValue(row.created_at) as Date,
  updatedAt: messages.updatedAt.mapFromDriverValue(row.updated_at) as Date,
});

/**
 * PostgreSQL: the whole transaction (begin, lock, insert, bump, commit) leaves in one write on a
 * connection of its own and is answered in one round trip, where `db.transaction` waits for
 * `begin`, then the statements, then `commit`. The server still runs them in order and stops at
 * the first error: the statements after it fail and `commit` rolls back, so nothing is stored
 * unless everything is, and the caller sees the error.
 */
async function appendPipelined(
  client: postgres.Sql,
  conversationId: string,
  batch: readonly NewMessage[],
  options: AppendOptions,
): Promise<Message[]> {
  const params: string[] = [conversationId];
  for (const message of batch) params.push(message.role, message.content, message.status);
  const connection = await client.reserve();
  try {
    const insert = connection.unsafe<MessageRow[]>(insertStatement(batch.length), params);
    const statements: Array<PromiseLike<unknown> & { execute(): unknown }> = [
      connection`begin`,
      connection`select pg_advisory_xact_lock(hashtextextended(${conversationId}, 0))`,
      insert,
      ...(options.bumpConversation
        ? [connection`update "conversations" set "updated_at" = now() where "id" = ${conversationId}`]
        : []),
      connection`commit`,
    ];
    // Handed to the connection in this order now, not whenever each is first awaited.
    for (const statement of statements) statement.execute();
    const settled = await Promise.allSettled(statements);
    const failed = settled.find((result) => result.status === "rejected");
    if (failed !== undefined) throw failed.reason;
    return (await insert).map(messageOf).sort((a, b) => a.seq - b.seq);
  } finally {
    connection.release();
  }
}
