import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getSignedCookie, setSignedCookie } from "hono/cookie";
import { bots } from "../models/bot.ts";
import { type Client, Session } from "../models/session.ts";
import type { User } from "../models/user.ts";
import { resetBrowserSession } from "./browser-session.ts";
import type { AppEnv } from "./env.ts";
import { cookieOptions } from "./secure-cookies.ts";

// Signed (not encrypted) and httpOnly: the token is only visible to the browser's owner.
const SESSION_COOKIE = "session_token";

export function clientOf(c: Context<AppEnv>): Client {
  return { userAgent: c.req.header("user-agent") ?? null, ipAddress: c.env.remoteIp };
}

async function writeSessionCookie(c: Context<AppEnv>, session: Session): Promise<void> {
  await setSignedCookie(c, SESSION_COOKIE, session.token, c.var.services.cookieSecret, cookieOptions(c));
}

// Finds the session named by the cookie (sessions live in SQLite, so they outlast restarts).
export const resumeSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("session", null);
  c.set("user", null);
  const token = await getSignedCookie(c, c.var.services.cookieSecret, SESSION_COOKIE);
  const session = token ? Session.findByToken(c.var.services.db, token) : null;
  const user = session?.user;
  if (session && user?.isActive) {
    if (session.resume(clientOf(c))) await writeSessionCookie(c, session);
    c.set("session", session);
    c.set("user", user);
  }
  await next();
};

// Unauthenticated visitors go to the sign-in page, which sends them back here afterwards.
// A bot's key opens the bot API only: anywhere else a valid one is refused outright (403).
export const requireAuthentication: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user) return next();
  const botKey = c.req.query("bot_key");
  if (botKey && bots.authenticate(c.var.services.db, botKey)) return c.text("Forbidden", 403);
  if (c.req.method === "GET")
    c.var.browserSession.returnTo = new URL(c.req.url).pathname + new URL(c.req.url).search;
  return c.redirect("/session/new");
};

export function signedInUser(c: Context<AppEnv>): User {
  const user = c.var.user;
  if (!user) throw new Error("signedInUser called on a route without requireAuthentication");
  return user;
}

export async function startSessionFor(c: Context<AppEnv>, user: User): Promise<void> {
  const returnTo = c.var.browserSession.returnTo;
  resetBrowserSession(c);
  if (returnTo) c.var.browserSession.returnTo = returnTo;
  const session = Session.start(c.var.services.db, user, clientOf(c));
  await writeSessionCookie(c, session);
  c.set("session", session);
  c.set("user", user);
}

export function endSession(c: Context<AppEnv>): void {
  c.var.session?.end();
  resetBrowserSession(c);
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
}

// The URL saved before authentication, used once.
export function takeReturnTo(c: Context<AppEnv>): string {
  const returnTo = c.var.browserSession.returnTo;
  delete c.var.browserSession.returnTo;
  return returnTo ?? "/";
}
