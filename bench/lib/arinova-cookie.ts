/** Better Auth's signed session cookie (auth.md §4.3), computed as the browser would receive it. */
import { createHmac } from "node:crypto";

export const BENCH_SECRET = "bench-secret-0123456789abcdef0123456789";

export function signedSessionCookie(token: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return `better-auth.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}
