/**
 * Who is signed in, from request headers alone (the session cookie), so REST, and later the
 * WebSocket upgrade, check sessions the same way. Better Auth verifies the cookie signature,
 * deletes an expired session, and slides the expiry forward in the database; the refreshed
 * cookie is discarded, as the original discarded it (auth.md §5).
 */
import type { AuthUser } from "../http/env.ts";
import type { BetterAuth } from "./better-auth.ts";

export interface SessionInfo {
  user: AuthUser;
  session: { id: string; token: string; userId: string; expiresAt: Date };
}

export type SessionFromHeaders = (headers: Headers) => Promise<SessionInfo | null>;

export function sessionReader(auth: BetterAuth): SessionFromHeaders {
  return async (headers) => {
    const found = await auth.api.getSession({ headers });
    if (found === null) return null;
    const { user, session } = found;
    return {
      user: { id: user.id, email: user.email, name: user.name },
      session: { id: session.id, token: session.token, userId: session.userId, expiresAt: session.expiresAt },
    };
  };
}
