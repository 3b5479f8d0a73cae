/** Bot tokens (auth.md §9): `ari_` + 48 lowercase hex characters from 24 random bytes. */
export function generateBotToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `ari_${Buffer.from(bytes).toString("hex")}`;
}
