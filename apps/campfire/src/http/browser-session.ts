import type { Context, MiddlewareHandler } from "hono";
import { generateSignedCookie, getSignedCookie } from "hono/cookie";
import { z } from "zod";
import type { AppEnv, Flash } from "./env.ts";
import { cookieOptions } from "./secure-cookies.ts";

// Rails' cookie session (`_campfire_session`): it carries only the CSRF secret, the URL to return to
// after signing in, and the flash for the next page.
const COOKIE = "_campfire_session";

const stateSchema = z.object({
  csrf: z.string().min(32),
  returnTo: z.string().optional(),
  flash: z.object({ alert: z.string().optional(), notice: z.string().optional() }).optional(),
});
export type BrowserSession = z.infer<typeof stateSchema>;

function freshState(): BrowserSession {
  return { csrf: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url") };
}

// Null when the browser has no valid cookie session yet.
async function read(c: Context<AppEnv>): Promise<BrowserSession | null> {
  const raw = await getSignedCookie(c, c.var.services.cookieSecret, COOKIE);
  if (!raw) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const browserSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const stored = await read(c);
  const state = stored ?? freshState();
  const before = stored ? JSON.stringify(stored) : "";
  c.set("browserSession", state);
  await next();
  const after = JSON.stringify(c.var.browserSession);
  if (after !== before) {
    const cookie = await generateSignedCookie(COOKIE, after, c.var.services.cookieSecret, cookieOptions(c));
    c.res.headers.append("Set-Cookie", cookie);
  }
};

export function flashNext(c: Context<AppEnv>, flash: Flash): void {
  c.var.browserSession.flash = flash;
}

// Like Rails, the flash waits until a page actually shows it, so it survives a chain of redirects
// (room not found → `/` → your last room).
export function takeFlash(c: Context<AppEnv>): Flash {
  const flash = c.var.browserSession.flash ?? {};
  delete c.var.browserSession.flash;
  return flash;
}

// Signing in or out starts a new cookie session (a fresh CSRF secret defeats session fixation).
export function resetBrowserSession(c: Context<AppEnv>): void {
  c.set("browserSession", freshState());
}
