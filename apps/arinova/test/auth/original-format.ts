/**
 * Credentials written the way the original server wrote them (auth.md §3, §4), computed here
 * independently of Better Auth, to prove existing users and sessions keep working.
 */
import { createHmac, randomBytes, scryptSync } from "node:crypto";

/** `<32 hex salt>:<128 hex key>`; the salt's hex text (not its bytes) is the scrypt salt. */
export function originalPasswordHash(password: string): string {
  const salt = randomBytes(16).toString("hex");
  const key = scryptSync(password.normalize("NFKC"), salt, 64, {
    N: 16384,
    r: 16,
    p: 1,
    maxmem: 128 * 16384 * 16 * 2,
  });
  return `${salt}:${key.toString("hex")}`;
}

/** `encodeURIComponent(token + "." + base64(HMAC-SHA256(secret, token)))`. */
export function originalCookieValue(token: string, secret: string): string {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return encodeURIComponent(`${token}.${signature}`);
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Better Auth's 32-character ids and tokens. */
export function betterAuthId(): string {
  return [...randomBytes(32)].map((byte) => ALPHABET[byte % ALPHABET.length]).join("");
}
