/** HMAC-SHA256 signatures over a webhook's exact body bytes, for senders and receivers alike. */
import { createHmac, timingSafeEqual } from "node:crypto";

/** How the digest is written into the header; a function covers formats like `t=...,v1=...`. */
export type SignatureFormat = "sha256=hex" | "hex" | "base64" | ((digest: Buffer) => string);

export function signBody(secret: string, body: string | Uint8Array): Buffer {
  return createHmac("sha256", secret).update(body).digest();
}

export function formatSignature(digest: Buffer, format: SignatureFormat = "sha256=hex"): string {
  if (typeof format === "function") return format(digest);
  if (format === "hex") return digest.toString("hex");
  if (format === "base64") return digest.toString("base64");
  return `sha256=${digest.toString("hex")}`;
}

/** Constant-time check of a received signature header against the body. */
export function verifySignature(
  secret: string,
  body: string | Uint8Array,
  header: string | null | undefined,
  format: SignatureFormat = "sha256=hex",
): boolean {
  if (!header) return false;
  const expected = Buffer.from(formatSignature(signBody(secret, body), format));
  const received = Buffer.from(header);
  return expected.length === received.length && timingSafeEqual(expected, received);
}
