import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import { flashNext } from "../http/browser-session.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams } from "../http/params.ts";
import { renderPage } from "../http/render.ts";
import { updateProfile } from "../models/profile.ts";
import { Room } from "../models/room.ts";
import { signedId } from "../models/signed-ids.ts";
import { TRANSFER_LINK_EXPIRY_MS, type User } from "../models/user.ts";
import { removeImage, storeImage } from "../uploads/images.ts";
import { profilePage } from "../views/profile.ts";

// `:user_id` in these routes is ignored: it is always the person signed in (http.md §1).
const profileSchema = z.object({
  "user[name]": z.string().trim().min(1).max(255),
  "user[email_address]": z.string().trim().min(1).max(255),
  "user[bio]": z.string().trim().default(""),
  "user[password]": z.string().max(72).default(""),
});
const avatarSchema = z.object({ "user[avatar]": z.instanceof(File) });

export const profileRoutes = new Hono<AppEnv>();

export function transferUrlFor(c: Context<AppEnv>, user: User): string {
  const id = signedId(user.db, user.id, "transfer", TRANSFER_LINK_EXPIRY_MS);
  return `${new URL(c.req.url).origin}/session/transfers/${id}`;
}

function showProfile(c: Context<AppEnv>, user: User, status: 200 | 422 = 200, alert?: string) {
  const memberships = Room.allFor(user).flatMap((room) => {
    const membership = room.memberships.of(user);
    return membership ? [{ room, membership }] : [];
  });
  const body = profilePage({
    user,
    memberships,
    transferUrl: transferUrlFor(c, user),
    csrfToken: c.var.csrfToken,
  });
  return renderPage(c, { title: "My profile", body, flashNow: alert ? { alert } : undefined }, status);
}

profileRoutes.get("/users/:user_id/profile", requireAuthentication, (c) => showProfile(c, signedInUser(c)));

profileRoutes.on(["PATCH", "PUT"], "/users/:user_id/profile", requireAuthentication, async (c) => {
  const user = signedInUser(c);
  const { db, files, passwords } = c.var.services;
  const avatar = await formParams(c, avatarSchema);
  if (avatar && avatar["user[avatar]"].size > 0) {
    const stored = await storeImage(
      db,
      files,
      { recordType: "User", recordId: user.id, name: "avatar" },
      avatar["user[avatar]"],
    );
    if (!stored.ok) return showProfile(c, user, 422, stored.reason);
    user.touch();
    flashNext(c, { notice: "It may take up to 30 minutes to change everywhere." });
    return c.redirect("/users/me/profile");
  }
  const params = await formParams(c, profileSchema);
  if (!params) return showProfile(c, user, 422, "Name and email address can't be blank.");
  const updated = await updateProfile(
    user,
    {
      name: params["user[name]"],
      emailAddress: params["user[email_address]"],
      bio: params["user[bio]"],
      password: params["user[password]"],
    },
    passwords,
  );
  if (!updated.ok) return showProfile(c, user, 422, updated.reason);
  flashNext(c, { notice: "✓" });
  return c.redirect("/users/me/profile");
});

profileRoutes.delete("/users/:user_id/avatar", requireAuthentication, async (c) => {
  const user = signedInUser(c);
  const { db, files } = c.var.services;
  await removeImage(db, files, { recordType: "User", recordId: user.id, name: "avatar" });
  user.touch();
  flashNext(c, { notice: "It may take up to 30 minutes to change everywhere." });
  return c.redirect("/users/me/profile");
});
