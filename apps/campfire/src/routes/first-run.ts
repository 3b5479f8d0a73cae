import { Hono } from "hono";
import { startSessionFor } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { firstRun } from "../models/first-run.ts";
import { firstRunPage } from "../views/first-run.ts";
import { userParamsSchema } from "./user-params.ts";

export const firstRunRoutes = new Hono<AppEnv>();

// Once an account exists, setup is over for good.
firstRunRoutes.use("/first_run", async (c, next) => {
  if (firstRun.isDone(c.var.services.db)) return c.redirect("/");
  await next();
});

firstRunRoutes.get("/first_run", (c) =>
  renderPage(c, { title: "Set up Campfire", body: firstRunPage(c.var.csrfToken) }),
);

firstRunRoutes.post("/first_run", async (c) => {
  const details = await formParams(c, userParamsSchema);
  if (!details) return renderPage(c, { title: "Set up Campfire", body: firstRunPage(c.var.csrfToken) }, 422);
  const { db, passwords } = c.var.services;
  // No account-name field: a posted `account[name]` is ignored, the account is always "Campfire".
  const administrator = await firstRun.create(db, details, passwords);
  // Losing a race to a concurrent setup is not an error: the installation is set up either way.
  if (administrator) await startSessionFor(c, administrator);
  return c.redirect("/");
});
