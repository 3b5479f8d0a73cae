/** What Arinova puts on each request's Hono context, beyond the kit's request id and logger. */
import type { KitVariables } from "@rt/kit";

/** The signed-in user as the original's requireAuth exposes it to handlers. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
}

export interface ArinovaVariables extends KitVariables {
  /** Set by requireAuth. */
  user: AuthUser;
  /** The parsed request body (JSON value, text, or undefined), set by readBody. */
  body: unknown;
}

export interface ArinovaEnv {
  Variables: ArinovaVariables;
}
