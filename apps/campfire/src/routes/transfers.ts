import { Hono } from "hono";
import { startSessionFor, takeReturnTo } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { renderPage } from "../http/render.ts";
import { findSignedId } from "../models/signed-ids.ts";
import { User } from "../models/user.ts";
import { transferPage } from "../views/transfer.ts";

export const transferRoutes = new Hono<AppEnv>();

// Fetching the link only shows a form that submits itself: a link preview or a prefetch never signs
// anyone in (security.md §2.3).
transferRoutes.get("/session/transfers/:id", (c) =>
  renderPage(c, { title: "Signing in…", body: transferPage(c.req.param("id"), c.var.csrfToken) }),
);

// Reusable until it expires (4 hours); only for people still on the account.
transferRoutes.on(["PATCH", "PUT"], "/session/transfers/:id", async (c) => {
  const db = c.var.services.db;
  const id = findSignedId(db, c.req.param("id"), "transfer");
  const user = id === null ? null : User.find(db, id);
  if (!user?.isActive || user.isBot) return c.text("This sign-in link is invalid or has expired.", 400);
  await startSessionFor(c, user);
  return c.redirect(takeReturnTo(c));
});
