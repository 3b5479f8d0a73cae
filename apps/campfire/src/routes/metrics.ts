import { metricsHandler } from "@rt/kit";
import { Hono } from "hono";
import type { AppEnv } from "../http/env.ts";
import { metricsAccess } from "../http/metrics-access.ts";

export const metricsRoutes = new Hono<AppEnv>();

// Prometheus text format; loopback or token only (http/metrics-access.ts).
metricsRoutes.get("/metrics", metricsAccess, (c, next) => metricsHandler(c.var.services.metrics)(c, next));
