import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { searches } from "../models/search.ts";
import { searchMessages } from "../search/message-search.ts";
import { searchPage } from "../views/search.ts";

const searchSchema = z.object({ q: z.string().trim().max(500).default("") });

export const searchRoutes = new Hono<AppEnv>();

searchRoutes.get("/searches", requireAuthentication, (c) => {
  const user = signedInUser(c);
  const query = (c.req.query("q") ?? "").trim().slice(0, 500);
  const lastRoom = getCookie(c, "last_room");
  const body = searchPage({
    viewer: user,
    query,
    results: query ? searchMessages(user, query) : [],
    recent: searches.recentFor(user),
    backTo: lastRoom && /^\d+$/.test(lastRoom) ? `/rooms/${lastRoom}` : "/",
    csrfToken: c.var.csrfToken,
  });
  return renderPage(c, { title: query ? `Search: ${query}` : "Search", body });
});

// Submitting remembers the query, then shows its results.
searchRoutes.post("/searches", requireAuthentication, async (c) => {
  const params = await formParams(c, searchSchema);
  const query = params?.q ?? "";
  if (!query) return c.redirect("/searches");
  searches.record(signedInUser(c), query);
  return c.redirect(`/searches?q=${encodeURIComponent(query)}`);
});

searchRoutes.delete("/searches/clear", requireAuthentication, (c) => {
  searches.clear(signedInUser(c));
  return c.redirect("/searches");
});
