import { Hono } from "hono";
import { z } from "zod";
import { requireAuthentication } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { unfurl } from "../unfurl/link-preview.ts";

// The browser's JSON body; a missing or non-string url is Rails' ParameterMissing (400).
const unfurlRequest = z.object({ url: z.string().trim().min(1).max(2048) });

export const unfurlRoutes = new Hono<AppEnv>();

// POST /unfurl_link (http.md #85): 200 with the card, or 204 when the link has none.
unfurlRoutes.post("/unfurl_link", requireAuthentication, async (c) => {
  const parsed = unfurlRequest.safeParse(await c.req.json().catch(() => null));
  if (!parsed.success) return c.text("url is required", 400);
  const preview = await unfurl(parsed.data.url, c.var.services.unfurl);
  return preview ? c.json(preview) : c.body(null, 204);
});
