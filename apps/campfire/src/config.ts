import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

// SECRET_KEY_BASE signs every cookie. Without one we keep a generated secret beside the database, so
// sessions survive restarts exactly as long as the data does (like Rails' local secret in development).
export function secretKeyBaseFor(dbPath: string, fromEnvironment: string | undefined): string {
  if (fromEnvironment) return fromEnvironment;
  if (dbPath === ":memory:") return Buffer.from(crypto.getRandomValues(new Uint8Array(64))).toString("hex");
  const file = join(dirname(dbPath), "secret_key_base");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(64))).toString("hex");
  writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

// Each use of the secret gets its own key, so a signature made for one purpose is useless for another.
export function deriveKey(secretKeyBase: string, purpose: string): string {
  return new Bun.CryptoHasher("sha256", secretKeyBase).update(purpose).digest("hex");
}
