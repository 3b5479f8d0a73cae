import { Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import { requireAdministrator } from "../http/authorization.ts";
import { flashNext } from "../http/browser-session.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { Account } from "../models/account.ts";
import { customStylesPage } from "../views/custom-styles-page.ts";

const stylesSchema = z.object({ "account[custom_styles]": z.string().max(100_000).default("") });

export const customStyleRoutes = new Hono<AppEnv>();

customStyleRoutes.get("/account/custom_styles/edit", requireAuthentication, requireAdministrator, (c) => {
  const account = Account.current(c.var.services.db);
  if (!account) return c.notFound();
  return renderPage(c, {
    title: "Custom styles",
    body: customStylesPage(account, signedInUser(c), c.var.csrfToken),
  });
});

// Saved verbatim (what the administrator typed is what they see again).
customStyleRoutes.on(
  ["PATCH", "PUT"],
  "/account/custom_styles",
  requireAuthentication,
  requireAdministrator,
  async (c) => {
    const params = await formParams(c, stylesSchema);
    if (!params) return c.text("Styles too long", 422);
    Account.current(c.var.services.db)?.updateCustomStyles(params["account[custom_styles]"]);
    flashNext(c, { notice: "✓" });
    return c.redirect("/account/custom_styles/edit");
  },
);
