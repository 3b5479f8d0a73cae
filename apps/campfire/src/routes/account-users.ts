import { type Context, Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import { requireAdministrator } from "../http/authorization.ts";
import type { AppEnv } from "../http/env.ts";
import { formParams, idParam } from "../http/params.ts";
import { turboStreamResponse } from "../http/render.ts";
import { deactivate } from "../models/deactivation.ts";
import { PEOPLE_PAGE_SIZE, peopleOnAccount } from "../models/people.ts";
import { User } from "../models/user.ts";
import { peopleRows } from "../views/account.ts";
import { turboStream } from "../views/turbo-stream.ts";

// Anything but "administrator" makes a member, as in the original.
const roleSchema = z.object({
  "user[role]": z
    .string()
    .optional()
    .transform((role) => (role === "administrator" ? "administrator" : "member")),
});

export const accountUserRoutes = new Hono<AppEnv>();

// The next 500 people, replacing the "more" placeholder (which the page re-adds if there are more).
accountUserRoutes.get("/account/users", requireAuthentication, (c) => {
  const viewer = signedInUser(c);
  const page = Math.max(2, idParam(c.req.query("page")) ?? 2);
  const people = peopleOnAccount(c.var.services.db, { includeBanned: viewer.isAdministrator, page });
  const rows = peopleRows(
    people.slice(0, PEOPLE_PAGE_SIZE),
    viewer,
    c.var.csrfToken,
    people.length > PEOPLE_PAGE_SIZE ? page + 1 : null,
  );
  return turboStreamResponse(c, turboStream("replace", "next_page_container", rows));
});

// People an administrator may manage from the account page: anyone but bots and themselves (the
// original's API lets an administrator demote or remove themselves, which can lock everyone out of
// administration; we refuse that).
function manageable(c: Context<AppEnv>): User | Response {
  const id = idParam(c.req.param("id"));
  const user = id === null ? null : User.find(c.var.services.db, id);
  if (!user || user.isBot) return c.text("Not found", 404);
  if (user.id === signedInUser(c).id) return c.text("You can't change your own account here", 403);
  return user;
}

accountUserRoutes.on(
  ["PATCH", "PUT"],
  "/account/users/:id",
  requireAuthentication,
  requireAdministrator,
  async (c) => {
    const user = manageable(c);
    if (user instanceof Response) return user;
    const params = await formParams(c, roleSchema);
    user.changeRoleTo(params?.["user[role]"] ?? "member");
    return c.redirect("/account/edit");
  },
);

accountUserRoutes.delete("/account/users/:id", requireAuthentication, requireAdministrator, (c) => {
  const user = manageable(c);
  if (user instanceof Response) return user;
  deactivate(user);
  return c.redirect("/account/edit");
});
