/** What route factories are built from; the same object the upload, sandbox and WS sides get. */
import type { Logger } from "@rt/kit";
import type { MiddlewareHandler } from "hono";
import type { AgentEndpointFetch } from "../agents/a2a-probe.ts";
import type { AgentPresence } from "../agents/presence.ts";
import type { SessionFromHeaders } from "../auth/session.ts";
import type { StreamText } from "../chat/stream-text.ts";
import type { ArinovaConfig } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { ArinovaEnv } from "../http/env.ts";
import type { TtlStore } from "../state/ttl-store.ts";

export interface RouteDeps {
  db: Database;
  config: ArinovaConfig;
  logger: Logger;
  /** Session check from request headers: REST here, the WebSocket upgrade later. */
  sessionFromHeaders: SessionFromHeaders;
  /** 401 `{"error":"Unauthorized"}` unless signed in; sets `c.get("user")`. */
  requireAuth: MiddlewareHandler<ArinovaEnv>;
  presence: AgentPresence;
  healthCache: TtlStore;
  streamText: StreamText;
  fetchEndpoint: AgentEndpointFetch;
  now: () => Date;
}
