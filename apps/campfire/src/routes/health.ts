import { Hono } from "hono";
import type { AppEnv } from "../http/env.ts";

export const healthRoutes = new Hono<AppEnv>();

// Rails' health check (features.md §20): 200 once the app has booted, for load balancers and
// uptime monitors. The database is open by the time any request is served.
healthRoutes.get("/up", (c) => c.text("OK"));
