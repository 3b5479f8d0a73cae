/** What every Taskcast request carries on its Hono context. */
import type { KitVariables } from "@rt/kit";
import type { Context } from "hono";
import type { AuthContext } from "./auth/context.ts";

export interface TaskcastEnv {
  Variables: KitVariables & {
    /** Set by the auth middleware on protected paths. */
    auth: AuthContext;
  };
}

export type TaskcastContext = Context<TaskcastEnv>;
