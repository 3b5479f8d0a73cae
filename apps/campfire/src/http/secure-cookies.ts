import type { Context } from "hono";
import type { CookieOptions } from "hono/utils/cookie";

// Rails' `permanent` means twenty years, but browsers cap cookie lifetimes at 400 days, so we ask for
// exactly that and re-issue the session cookie whenever the session's activity is refreshed.
const PERMANENT_SECONDS = 400 * 24 * 60 * 60;

// httpOnly and SameSite=Lax like the original; Secure whenever the browser reached us over HTTPS
// (directly or through a TLS-terminating proxy).
export function cookieOptions(c: Context): CookieOptions {
  const https = new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
  return { path: "/", httpOnly: true, sameSite: "Lax", secure: https, maxAge: PERMANENT_SECONDS };
}
