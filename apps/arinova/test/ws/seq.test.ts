/**
 * Seq allocation under concurrency (src/chat/seq.ts, a recorded deviation): writers on two
 * separate connection pools, as two instances would be, appending to one conversation at once
 * get distinct consecutive seqs, creation order agrees with seq, and the conversation's bump
 * lands in the same transaction.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { asc, eq, sql } from "drizzle-orm";
import { appendMessage, appendMessages } from "../../src/chat/seq.ts";
import { type DatabaseHandle, openDatabase } from "../../src/db/client.ts";
import { agents, conversations, messages, user } from "../../src/db/schema/index.ts";
import { type Backend, backendsUnderTest } from "../support/backends.ts";

for (const { name, factory } of await backendsUnderTest()) {
  describe(`seq allocation on ${name}`, () => {
    let backend: Backend;
    /** A second pool on the same PostgreSQL database: another instance's writer. */
    let other: DatabaseHandle | undefined;

    beforeAll(async () => {
      backend = await factory();
      if (backend.database.kind === "postgres") {
        const { host, port, database, user: role } = backend.database.client.options;
        const url = `postgres://${role}@${host[0]}:${port[0]}/${database}`;
        other = await openDatabase({ url, maxConnections: 5 });
      }
    }, 60_000);

    afterAll(async () => {
      await other?.close();
      await backend.dispose();
    });

    const conversation = async (): Promise<string> => {
      const { db } = backend.database;
      const id = `seq${crypto.randomUUID().replaceAll("-", "").slice(0, 29)}`;
      await db.insert(user).values({ id, name: id, email: `${id}@seq.test` });
      const [agent] = await db.insert(agents).values({ name: "A", ownerId: id }).returning();
      const [row] = await db
        .insert(conversations)
        .values({ userId: id, agentId: agent!.id, updatedAt: new Date("2020-01-01T00:00:00Z") })
        .returning();
      return row!.id;
    };

    test("concurrent writers on two pools never share a seq", async () => {
      const conversationId = await conversation();
      const pools = [backend.database.db, (other ?? backend.database).db];
      const written = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          appendMessage(
            pools[i % pools.length]!,
            { conversationId, role: i % 2 ? "agent" : "user", status: "completed", content: `m${i}` },
            { bumpConversation: i % 3 === 0 },
          ),
        ),
      );
      expect(written.map((m) => m.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      const stored = await backend.database.db
        .select({ seq: messages.seq, createdAt: messages.createdAt })
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(asc(messages.createdAt), asc(messages.seq));
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const [bumped] = await backend.database.db
        .select({ updatedAt: conversations.updatedAt })
        .from(conversations)
        .where(eq(conversations.id, conversationId));
      expect(bumped!.updatedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    });

    test("a batch (a user message and the answer starting) gets consecutive seqs in one commit", async () => {
      const conversationId = await conversation();
      const pools = [backend.database.db, (other ?? backend.database).db];
      const pairs = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          appendMessages(
            pools[i % pools.length]!,
            [
              { conversationId, role: "user", status: "completed", content: `q${i}` },
              { conversationId, role: "agent", status: "streaming", content: "" },
            ],
            { bumpConversation: true },
          ),
        ),
      );
      for (const [question, answer] of pairs) {
        expect(answer!.seq).toBe(question!.seq + 1);
        expect([question!.role, answer!.role]).toEqual(["user", "agent"]);
      }
      const stored = await backend.database.db
        .select({ seq: messages.seq, content: messages.content, xmin: sql<string>`${messages}.xmin::text` })
        .from(messages)
        .where(eq(messages.conversationId, conversationId))
        .orderBy(asc(messages.createdAt), asc(messages.seq));
      expect(stored.map((m) => m.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      // Each pair was written by one transaction, and no two pairs shared one.
      const transactions = new Set(stored.map((m) => m.xmin));
      expect(transactions.size).toBe(20);
      for (let i = 0; i < 40; i += 2) expect(stored[i]!.xmin).toBe(stored[i + 1]!.xmin);
    });

    test("a failing batch stores nothing and leaves every connection usable", async () => {
      const conversationId = await conversation();
      const { db } = backend.database;
      const missing = crypto.randomUUID();
      // More failures than the pool has connections: each must have ended its transaction.
      const failures = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          appendMessages(
            db,
            [
              { conversationId: missing, role: "user", status: "completed", content: `lost${i}` },
              { conversationId: missing, role: "agent", status: "streaming", content: "" },
            ],
            { bumpConversation: true },
          ),
        ),
      );
      expect(failures.every((result) => result.status === "rejected")).toBe(true);
      const stored = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          appendMessage(db, { conversationId, role: "user", status: "completed", content: `kept${i}` }),
        ),
      );
      expect(stored.map((m) => m.seq).sort((a, b) => a - b)).toEqual(
        Array.from({ length: 12 }, (_, i) => i + 1),
      );
      const lost = await db
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.conversationId, missing));
      expect(lost).toEqual([]);
    });

    test("without the bump the conversation's updated_at stays", async () => {
      const conversationId = await conversation();
      const message = await appendMessage(backend.database.db, {
        conversationId,
        role: "user",
        status: "completed",
        content: "hi",
      });
      expect(message).toMatchObject({ seq: 1, content: "hi", conversationId });
      const [row] = await backend.database.db
        .select({ updatedAt: conversations.updatedAt })
        .from(conversations)
        .where(eq(conversations.id, conversationId));
      expect(row!.updatedAt.toISOString()).toBe("2020-01-01T00:00:00.000Z");
    });
  });
}
