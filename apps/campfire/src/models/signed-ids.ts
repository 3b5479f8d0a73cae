import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "../db/database.ts";

// Rails' signed ids: a record id with a purpose (and maybe an expiry) under an HMAC, so an avatar
// URL or a sign-in link names one person without being guessable or reusable for anything else.
// The key travels with the database handle, like the broadcaster, because views that build avatar
// URLs run from broadcasts as well as from requests.
const keys = new WeakMap<Db, string>();

export function connectSigningKey(db: Db, key: string): void {
  keys.set(db, key);
}

const payloadSchema = z.object({
  id: z.number().int().positive(),
  pur: z.string(),
  exp: z.number().optional(),
});

function keyFor(db: Db): string {
  const key = keys.get(db);
  if (!key) throw new Error("no signing key connected to this database handle");
  return key;
}

function digest(key: string, data: string): string {
  return createHmac("sha256", key).update(data).digest("base64url");
}

export function signedId(db: Db, id: number, purpose: string, expiresInMs?: number): string {
  const payload = { id, pur: purpose, ...(expiresInMs ? { exp: Date.now() + expiresInMs } : {}) };
  const data = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${data}--${digest(keyFor(db), data)}`;
}

// The id, or null for a forged, expired or other-purpose token.
export function findSignedId(
  db: Db,
  token: string,
  purpose: string,
  now: number = Date.now(),
): number | null {
  const [data, signature, extra] = token.split("--");
  if (!data || !signature || extra !== undefined) return null;
  const expected = Buffer.from(digest(keyFor(db), data));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(data, "base64url").toString("utf8")));
    if (!parsed.success || parsed.data.pur !== purpose) return null;
    if (parsed.data.exp !== undefined && parsed.data.exp <= now) return null;
    return parsed.data.id;
  } catch {
    return null;
  }
}
