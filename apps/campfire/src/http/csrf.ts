import type { Context, MiddlewareHandler } from "hono";
import { BOT_API_PATH } from "../routes/bot-api.ts";
import type { AppEnv } from "./env.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// Like Rails, every page gets a freshly masked copy of the session's secret (pad + pad XOR secret), so
// the token in the HTML differs on every response and compression side channels learn nothing.
export function maskedToken(secret: string): string {
  const raw = Buffer.from(secret, "base64url");
  const pad = crypto.getRandomValues(new Uint8Array(raw.length));
  const masked = raw.map((byte, index) => byte ^ (pad[index] ?? 0));
  return Buffer.concat([pad, masked]).toString("base64url");
}

function matches(token: string, secret: string): boolean {
  const raw = Buffer.from(secret, "base64url");
  const decoded = Buffer.from(token, "base64url");
  if (decoded.length !== raw.length * 2) return false;
  const unmasked = decoded.subarray(raw.length).map((byte, index) => byte ^ (decoded[index] ?? 0));
  return crypto.timingSafeEqual(unmasked, raw);
}

async function submittedToken(c: Context<AppEnv>): Promise<string | undefined> {
  const header = c.req.header("x-csrf-token");
  if (header) return header;
  const body = await c.req.parseBody();
  const field = body.authenticity_token;
  return typeof field === "string" ? field : undefined;
}

// Rails' default origin check: a browser that names a different origin is refused outright.
function fromOwnOrigin(c: Context<AppEnv>): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined) return true;
  const host = c.req.header("host") ?? new URL(c.req.url).host;
  return URL.parse(origin)?.host === host;
}

// protect_from_forgery: every state-changing request carries the authenticity token (form field or
// X-CSRF-Token header, which Turbo sends from the csrf-token meta tag).
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("csrfToken", maskedToken(c.var.browserSession.csrf));
  // Bot API requests carry their key in the path instead of a browser session (security.md §2.4).
  if (SAFE_METHODS.has(c.req.method) || BOT_API_PATH.test(c.req.path)) return next();
  const token = await submittedToken(c);
  if (!fromOwnOrigin(c) || !token || !matches(token, c.var.browserSession.csrf)) {
    return c.text("Invalid authenticity token", 422);
  }
  return next();
};
