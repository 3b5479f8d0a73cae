/** What `sandboxRoutes` is built from. */
import type { Logger, RateLimiter } from "@rt/kit";
import type { Context, MiddlewareHandler } from "hono";
import type { SandboxLimits } from "./limits.ts";
import type { Sandbox } from "./sandbox.ts";

/** Any Hono env whose `user` variable the auth middleware sets. */
export interface SandboxEnv {
  Variables: { user: { id: string } };
}

export interface SandboxDeps<E extends SandboxEnv> {
  /** Sets `c.get("user")`, or answers 401 `{"error":"Unauthorized"}`. */
  requireUser: MiddlewareHandler<E>;
  logger: Logger;
  limits?: Partial<SandboxLimits>;
  /** Per-user execution counter; defaults to one in process memory, like the original's. */
  rateLimiter?: RateLimiter;
  /** Defaults to QuickJS with the limits above. */
  sandbox?: Sandbox;
  /**
   * The JSON body, when the host app has already read it (its body middleware runs before
   * auth, as the original's parser did). Defaults to reading it here.
   */
  body?: (c: Context) => unknown;
}
