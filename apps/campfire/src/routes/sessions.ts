import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  endSession,
  requireAuthentication,
  signedInUser,
  startSessionFor,
  takeReturnTo,
} from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { Account } from "../models/account.ts";
import { administratorToContact } from "../models/help-contact.ts";
import { pushSubscriptions } from "../models/push-subscriptions.ts";
import { User } from "../models/user.ts";
import { signInPage } from "../views/sign-in.ts";

// One message for both wrong credentials and throttling, so neither reveals anything.
const REJECTION = "Too many requests or unauthorized.";

const credentialsSchema = z.object({ email_address: z.string().trim(), password: z.string() });
const signOutSchema = z.object({ push_subscription_endpoint: z.string().optional() });

export const sessionRoutes = new Hono<AppEnv>();

function signInForm(c: Context<AppEnv>, emailAddress: string, status: 200 | 401 | 429 = 200): Response {
  const { db, version } = c.var.services;
  const rejected = status !== 200;
  const view = {
    accountName: Account.current(db)?.name ?? "Campfire",
    emailAddress,
    helpContact: administratorToContact(db),
    rejected,
    version,
  };
  const flashNow = rejected ? { alert: REJECTION } : undefined;
  return renderPage(c, { title: "Sign in", body: signInPage(view, c.var.csrfToken), flashNow }, status);
}

sessionRoutes.get("/session/new", (c) => {
  if (!User.any(c.var.services.db)) return c.redirect("/first_run");
  return signInForm(c, c.req.query("email_address") ?? "");
});

sessionRoutes.post("/session", async (c) => {
  const { db, passwords, signInLimiter } = c.var.services;
  if (!(await signInLimiter.attempt(c.env.remoteIp ?? "unknown"))) return signInForm(c, "", 429);
  const credentials = await formParams(c, credentialsSchema);
  if (!credentials) return signInForm(c, "", 401);
  const { email_address: emailAddress, password } = credentials;
  const user = await User.authenticateBy(db, { emailAddress, password }, passwords);
  if (!user) return signInForm(c, credentials.email_address, 401);
  await startSessionFor(c, user);
  return c.redirect(takeReturnTo(c));
});

sessionRoutes.delete("/session", requireAuthentication, async (c) => {
  const params = await formParams(c, signOutSchema);
  // The browser unsubscribed from Web Push first and tells us which subscription to forget.
  if (params?.push_subscription_endpoint) {
    pushSubscriptions.forget(signedInUser(c), params.push_subscription_endpoint);
  }
  endSession(c);
  return c.redirect("/");
});
