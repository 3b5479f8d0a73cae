/** What the server says about itself on `/`, `/health*` and `/openapi.json` (api.md §4). */

/** The original release whose contract this server keeps; `getServerInfo()` clients read it. */
export const COMPATIBLE_VERSION = "1.6.1";
export const API_VERSION = "v1";
export const SERVER_NAME = "taskcast";

export type BroadcastProvider = "memory" | "redis";
export type ShortTermProvider = "memory" | "redis" | "sqlite";
export type LongTermProvider = "postgres" | "sqlite";

export interface AdapterInfo {
  broadcast: BroadcastProvider;
  shortTermStore: ShortTermProvider;
  longTermStore?: LongTermProvider;
}

/** Readiness probe of one dependency (`redisCommand`, `redisPubSub`, `postgres`); rejects when down. */
export type DependencyCheck = () => Promise<void>;

/** The original's error kinds for a failed dependency (api.md §4 /health/ready). */
export type DependencyErrorKind =
  | "connection_refused"
  | "connection_reset"
  | "timeout"
  | "dns"
  | "authentication"
  | "connection_closed"
  | "unavailable";
