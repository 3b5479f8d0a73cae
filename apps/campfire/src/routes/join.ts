import { type Context, Hono } from "hono";
import { isUniqueViolation } from "../db/database.ts";
import { startSessionFor } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { Account } from "../models/account.ts";
import { administratorToContact } from "../models/help-contact.ts";
import { User } from "../models/user.ts";
import { joinPage } from "../views/join.ts";
import { notFoundPage } from "../views/not-found.ts";
import { userParamsSchema } from "./user-params.ts";

export const joinRoutes = new Hono<AppEnv>();

// A wrong (or regenerated) code is simply not found; people already signed in have nothing to join.
joinRoutes.use("/join/:join_code", async (c, next) => {
  const account = Account.current(c.var.services.db);
  if (!account?.isJoinableWith(c.req.param("join_code"))) {
    return renderPage(c, { title: "Not found", body: notFoundPage() }, 404);
  }
  if (c.var.user) return c.redirect("/");
  await next();
});

function joinForm(c: Context<AppEnv>, account: Account, status: 200 | 422 = 200): Response {
  const view = {
    accountName: account.name,
    joinCode: account.joinCode,
    helpContact: administratorToContact(c.var.services.db),
    version: c.var.services.version,
  };
  return renderPage(c, { title: `Join ${account.name}`, body: joinPage(view, c.var.csrfToken) }, status);
}

joinRoutes.get("/join/:join_code", (c) => joinForm(c, Account.current(c.var.services.db)!));

joinRoutes.post("/join/:join_code", async (c) => {
  const { db, passwords } = c.var.services;
  const details = await formParams(c, userParamsSchema);
  if (!details) return joinForm(c, Account.current(db)!, 422);
  try {
    const user = await User.create(db, details, passwords);
    await startSessionFor(c, user);
    return c.redirect("/");
  } catch (error) {
    // Someone with this address already has an account: send them to sign in instead.
    if (isUniqueViolation(error))
      return c.redirect(`/session/new?email_address=${encodeURIComponent(details.emailAddress)}`);
    throw error;
  }
});
