/**
 * A real database and real HTTP for the upload and sandbox route tests: a migrated database
 * from a backend factory (a PGlite template copy by default, or PostgreSQL); users, sessions, agents and conversations inserted through Drizzle; a session
 * cookie checked against the `session` table (a minimal stand-in for Better Auth's check,
 * which the app mounts in production); the routes served by Bun.serve on port 0.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq, gt } from "drizzle-orm";
import type { Hono, MiddlewareHandler } from "hono";
import type { Database } from "../../src/db/client.ts";
import { agents, conversations, session, user } from "../../src/db/schema/index.ts";
import type { UserEnv } from "../../src/uploads/deps.ts";
import { type BackendFactory, pgliteBackend } from "../support/backends.ts";

export const SESSION_COOKIE = "better-auth.session_token";

export interface TestUser {
  id: string;
  email: string;
  name: string;
  /** `cookie` header value that signs this user in. */
  cookie: string;
}

export interface Harness {
  db: Database;
  /** A scratch directory removed by close(). */
  dir: string;
  createUser(name: string): Promise<TestUser>;
  createAgent(ownerId: string, name?: string): Promise<string>;
  createConversation(userId: string, agentId: string | null, type?: "direct" | "group"): Promise<string>;
  close(): Promise<void>;
}

export async function openHarness(factory: BackendFactory = pgliteBackend): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "arinova-routes-"));
  const backend = await factory();
  const db = backend.database.db;
  let users = 0;
  return {
    db,
    dir,
    async createUser(name) {
      const id = `user${++users}${crypto.randomUUID().replaceAll("-", "")}`.slice(0, 32);
      const email = `${name.toLowerCase()}${users}@example.test`;
      await db.insert(user).values({ id, name, email });
      const token = crypto.randomUUID().replaceAll("-", "");
      await db.insert(session).values({
        id: crypto.randomUUID(),
        userId: id,
        token,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      // Better Auth's cookie is `<token>.<signature>`; the check below reads the token part.
      return { id, email, name, cookie: `${SESSION_COOKIE}=${token}.signature` };
    },
    async createAgent(ownerId, name = "Helper") {
      const [row] = await db.insert(agents).values({ name, ownerId }).returning({ id: agents.id });
      return row!.id;
    },
    async createConversation(userId, agentId, type = "direct") {
      const [row] = await db
        .insert(conversations)
        .values({ userId, agentId, type })
        .returning({ id: conversations.id });
      return row!.id;
    },
    async close() {
      await backend.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs a request in when its session cookie names an unexpired `session` row. */
export function sessionCookieAuth(db: Database): MiddlewareHandler<UserEnv> {
  return async (c, next) => {
    const cookie = c.req.header("cookie") ?? "";
    const value = cookie
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${SESSION_COOKIE}=`))
      ?.slice(SESSION_COOKIE.length + 1);
    const token = value?.split(".")[0];
    if (token) {
      const [found] = await db
        .select({ id: user.id, email: user.email, name: user.name })
        .from(session)
        .innerJoin(user, eq(user.id, session.userId))
        .where(and(eq(session.token, token), gt(session.expiresAt, new Date())));
      if (found) {
        c.set("user", found);
        return next();
      }
    }
    return c.body(JSON.stringify({ error: "Unauthorized" }), 401, {
      "content-type": "application/json; charset=utf-8",
    });
  };
}

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/** Serves an app on a free port, with the app-level 500 body the original answered. */
export function serve(app: Hono<UserEnv>): Served {
  app.onError((_error, c) => {
    return c.body(JSON.stringify({ error: "Internal server error", code: "INTERNAL_ERROR" }), 500, {
      "content-type": "application/json; charset=utf-8",
    });
  });
  const server = Bun.serve({ port: 0, fetch: app.fetch, maxRequestBodySize: 64 * 1024 * 1024 });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => server.stop(true) };
}
