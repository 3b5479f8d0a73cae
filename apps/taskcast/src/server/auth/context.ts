/** Who is calling and what they may do (api.md §1). */

export const SCOPES = [
  "task:create",
  "task:manage",
  "event:publish",
  "event:subscribe",
  "event:history",
  "webhook:create",
  "worker:connect",
  "worker:manage",
  "task:resolve",
  "task:signal",
  "*",
] as const;
export type Scope = (typeof SCOPES)[number];

export interface AuthContext {
  sub?: string;
  jti?: string;
  /** Binds worker routes to one worker id (JWT claim). */
  workerId?: string;
  /** `"*"` or the only task ids this caller may touch. */
  taskIds: "*" | readonly string[];
  /** Granted scopes as sent; unknown strings are kept and simply never match. */
  scope: readonly string[];
}

export const OPEN_ACCESS: AuthContext = { taskIds: "*", scope: ["*"] };

export type JwtAlgorithm = "HS256" | "RS256" | "ES256" | "ES384" | "ES512";
export const JWT_ALGORITHMS = [
  "HS256",
  "RS256",
  "ES256",
  "ES384",
  "ES512",
] as const satisfies readonly JwtAlgorithm[];

export interface JwtConfig {
  /** Default HS256. */
  algorithm?: JwtAlgorithm;
  /** HMAC secret (UTF-8); wins over the public keys and also lets `/admin/token` mint tokens. */
  secret?: string;
  /** SPKI PEM. */
  publicKey?: string;
  /** SPKI PEM file, read on every request as the original does (so a rotated file takes effect). */
  publicKeyFile?: string;
  issuer?: string;
  audience?: string;
}

export interface TrustedService {
  name: string;
  key: string;
  /** Default `"*"`. */
  taskIds?: "*" | readonly string[];
  scope: readonly string[];
}

export interface AuthConfig {
  mode: "none" | "jwt" | "custom";
  jwt?: JwtConfig;
  /** Custom mode only: a context, or null to refuse with 401. */
  middleware?: (request: Request) => AuthContext | null | Promise<AuthContext | null>;
  trustedServices?: readonly TrustedService[];
}
