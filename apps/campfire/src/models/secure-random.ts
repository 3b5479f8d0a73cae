const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
// Bitcoin's base58 alphabet (no 0, O, I, l), as Rails' has_secure_token uses.
const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// Rejection sampling keeps every character equally likely (a plain modulo would favour the first few).
function randomFrom(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let result = "";
  while (result.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && result.length < length) result += alphabet[byte % alphabet.length];
    }
  }
  return result;
}

export function alphanumeric(length: number): string {
  return randomFrom(ALPHANUMERIC, length);
}

export function secureToken(): string {
  return randomFrom(BASE58, 24);
}
