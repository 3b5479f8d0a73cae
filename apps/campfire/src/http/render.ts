import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { fromDbTime } from "../db/time.ts";
import { Account } from "../models/account.ts";
import { html, type Renderable } from "../views/html.ts";
import { layout } from "../views/layout.ts";
import { TURBO_STREAM_TYPE } from "../views/turbo-stream.ts";
import { takeFlash } from "./browser-session.ts";
import type { AppEnv, Flash } from "./env.ts";

// A full page in the layout, with this response's CSRF token and the flash left by an earlier request
// (or `flashNow`, shown on this page only).
export function renderPage(
  c: Context<AppEnv>,
  page: { title: string; body: Renderable; bodyClass?: string; flashNow?: Flash },
  status: ContentfulStatusCode = 200,
): Response {
  const account = Account.current(c.var.services.db);
  const user = c.var.user;
  const bodyClass = [page.bodyClass, user?.isAdministrator ? "admin" : ""].filter(Boolean).join(" ");
  const markup = layout({
    ...page,
    bodyClass,
    csrfToken: c.var.csrfToken,
    flash: { ...takeFlash(c), ...page.flashNow },
    customStyles: account?.customStyles ?? null,
    logoVersion: account ? fromDbTime(account.updatedAt).getTime() : 0,
    vapidPublicKey: user ? c.var.services.push.vapidPublicKey : undefined,
    currentUserId: user?.id ?? null,
  });
  return c.html(markup.value, status);
}

export function wantsTurboStream(c: Context<AppEnv>): boolean {
  return (c.req.header("accept") ?? "").includes("text/vnd.turbo-stream.html");
}

export function turboStreamResponse(c: Context<AppEnv>, streams: Renderable): Response {
  return c.body(html`${streams}`.value, 200, { "Content-Type": `${TURBO_STREAM_TYPE}; charset=utf-8` });
}
