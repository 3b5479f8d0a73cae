/**
 * Bearer JWT verification (api.md §1 step 4): HS256 with a secret, or RS256/ES256/ES384/
 * ES512 with an SPKI public key given inline or as a file. Any failure — bad signature,
 * expired, not yet valid, wrong issuer or audience, missing key material — is one answer.
 */
import { readFile } from "node:fs/promises";
import { importSPKI, type JWTPayload, jwtVerify } from "jose";
import { httpError } from "../errors.ts";
import type { AuthContext, JwtConfig } from "./context.ts";

type VerifyKey = Uint8Array | CryptoKey;

export const invalidToken = () => httpError(401, "Invalid or expired token");

export class JwtVerifier {
  private readonly secret: Uint8Array | undefined;
  /** Imported keys by PEM text, so a key file is re-read per request but imported once per content. */
  private readonly imported = new Map<string, Promise<CryptoKey>>();

  constructor(private readonly config: JwtConfig) {
    this.secret = config.secret ? new TextEncoder().encode(config.secret) : undefined;
  }

  /** The auth context carried by a valid token; throws the contract's 401 otherwise. */
  async verify(token: string): Promise<AuthContext> {
    let payload: JWTPayload;
    try {
      const key = await this.key();
      const verified = await jwtVerify(token, key, {
        issuer: this.config.issuer || undefined,
        audience: this.config.audience || undefined,
      });
      payload = verified.payload;
    } catch (error) {
      throw Object.assign(invalidToken(), { cause: error });
    }
    return contextFromClaims(payload);
  }

  private async key(): Promise<VerifyKey> {
    if (this.secret) return this.secret;
    const pem =
      this.config.publicKey ||
      (this.config.publicKeyFile && (await readFile(this.config.publicKeyFile, "utf8")));
    if (!pem) throw new Error("no JWT key material configured");
    let key = this.imported.get(pem);
    if (!key) {
      key = importSPKI(pem, this.config.algorithm ?? "HS256");
      // A PEM that fails to import must not poison the cache for a corrected file.
      key.catch(() => this.imported.delete(pem));
      this.imported.set(pem, key);
    }
    return key;
  }
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

/**
 * `taskIds` defaults to `"*"` and `scope` to `[]` when absent (api.md §1). A malformed claim
 * grants nothing: the original would substring-match a string `taskIds` or `scope`.
 */
function taskIdsClaim(value: unknown): AuthContext["taskIds"] {
  if (value === undefined || value === "*") return "*";
  return isStringArray(value) ? value : [];
}

export function contextFromClaims(payload: JWTPayload): AuthContext {
  const context: AuthContext = {
    taskIds: taskIdsClaim(payload.taskIds),
    scope: isStringArray(payload.scope) ? payload.scope : [],
  };
  if (typeof payload.sub === "string") context.sub = payload.sub;
  if (typeof payload.jti === "string") context.jti = payload.jti;
  if (typeof payload.workerId === "string") context.workerId = payload.workerId;
  return context;
}
