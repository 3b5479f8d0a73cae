import { Hono } from "hono";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { idParam } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { User } from "../models/user.ts";
import { userPage } from "../views/user-page.ts";
import { transferUrlFor } from "./profile.ts";

export const userRoutes = new Hono<AppEnv>();

// Anyone signed in may look at anyone; administrators also see the email, the sign-in link and Ban.
userRoutes.get("/users/:id{[0-9]+}", requireAuthentication, (c) => {
  const viewer = signedInUser(c);
  const id = idParam(c.req.param("id"));
  const user = id === null ? null : User.find(c.var.services.db, id);
  if (!user) return c.notFound();
  const transferUrl = viewer.isAdministrator && user.isActive && !user.isBot ? transferUrlFor(c, user) : null;
  const body = userPage({ user, viewer, transferUrl, csrfToken: c.var.csrfToken });
  return renderPage(c, { title: user.name, body });
});
