import { Hono } from "hono";
import { fromDbTime } from "../db/time.ts";
import { requireAuthentication } from "../http/authentication.ts";
import { requireAdministrator } from "../http/authorization.ts";
import type { AppEnv } from "../http/env.ts";
import { Account } from "../models/account.ts";
import { attachedFiles } from "../models/attached-file.ts";
import { LOGO_LARGE, LOGO_SMALL, removeImage, variantOf } from "../uploads/images.ts";
import { stockLogo } from "../uploads/stock-logo.ts";

// The logo is public (sign-in page, favicon, manifest, push icons) and cached briefly: its URLs carry
// `?v=<account updated_at>`, but the manifest and push icons use the bare URL.
const CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=604800";

export const accountLogoRoutes = new Hono<AppEnv>();

accountLogoRoutes.get("/account/logo", async (c) => {
  const { db, files } = c.var.services;
  const account = Account.current(db);
  const variant = c.req.query("size") === "small" ? LOGO_SMALL : LOGO_LARGE;
  const etag = `"logo-${variant.name}-${account ? fromDbTime(account.updatedAt).getTime() : 0}"`;
  const headers = { ETag: etag, "Cache-Control": CACHE_CONTROL, "Content-Type": "image/png" };
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  const blob = account
    ? attachedFiles.find(db, { recordType: "Account", recordId: account.id, name: "logo" })
    : null;
  const image = (blob ? await variantOf(files, blob, variant) : null) ?? stockLogo(variant.size);
  return new Response(image, { headers });
});

accountLogoRoutes.delete("/account/logo", requireAuthentication, requireAdministrator, async (c) => {
  const { db, files } = c.var.services;
  const account = Account.current(db);
  if (account) {
    await removeImage(db, files, { recordType: "Account", recordId: account.id, name: "logo" });
    account.touch();
  }
  return c.redirect("/account/edit");
});
