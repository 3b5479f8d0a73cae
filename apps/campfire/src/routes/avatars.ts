import { Hono } from "hono";
import { fromDbTime } from "../db/time.ts";
import { requireAuthentication } from "../http/authentication.ts";
import type { AppEnv } from "../http/env.ts";
import { attachedFiles } from "../models/attached-file.ts";
import { findSignedId } from "../models/signed-ids.ts";
import { User } from "../models/user.ts";
import { AVATAR_SQUARE, variantOf } from "../uploads/images.ts";
import { DEFAULT_BOT_AVATAR, initialsSvg } from "../views/avatar-images.ts";

// Avatars change rarely and their URLs carry `?v=<updated_at>`, so browsers may keep one for half
// an hour and use a stale copy for a week while revalidating.
const CACHE_CONTROL = "public, max-age=1800, stale-while-revalidate=604800";

export const avatarRoutes = new Hono<AppEnv>();

// `/users/<avatar token>/avatar`: the token is a signed id, so avatar URLs can't be enumerated.
avatarRoutes.get("/users/:token/avatar", requireAuthentication, async (c) => {
  const { db, files } = c.var.services;
  const id = findSignedId(db, c.req.param("token"), "avatar");
  const user = id === null ? null : User.find(db, id);
  if (!user) return c.notFound();
  const etag = `"avatar-${user.id}-${fromDbTime(user.updatedAt).getTime()}"`;
  const headers = { ETag: etag, "Cache-Control": CACHE_CONTROL };
  if (c.req.header("if-none-match") === etag) return c.body(null, 304, headers);
  const blob = attachedFiles.find(db, { recordType: "User", recordId: user.id, name: "avatar" });
  const image = blob ? await variantOf(files, blob, AVATAR_SQUARE) : null;
  if (image) return new Response(image, { headers: { ...headers, "Content-Type": "image/webp" } });
  const svg = user.isBot ? DEFAULT_BOT_AVATAR : initialsSvg(user);
  return c.body(svg, 200, { ...headers, "Content-Type": "image/svg+xml" });
});
