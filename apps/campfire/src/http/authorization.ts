import type { MiddlewareHandler } from "hono";
import { forbiddenPage } from "../views/not-found.ts";
import type { AppEnv } from "./env.ts";
import { renderPage } from "./render.ts";

// `ensure_can_administer` without a record: administrators only, everyone else gets 403.
export const requireAdministrator: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.var.user?.isAdministrator) return next();
  return renderPage(c, { title: "Not allowed", body: forbiddenPage() }, 403);
};
