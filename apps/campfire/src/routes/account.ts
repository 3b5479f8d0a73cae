import { Hono } from "hono";
import { z } from "zod";
import { requireAuthentication, signedInUser } from "../http/authentication.ts";
import { requireAdministrator } from "../http/authorization.ts";
import { flashNext } from "../http/browser-session.ts";
import type { AppEnv } from "../http/env.ts";
import { renderPage } from "../http/render.ts";
import { Account } from "../models/account.ts";
import { PEOPLE_PAGE_SIZE, peopleOnAccount } from "../models/people.ts";
import { storeImage } from "../uploads/images.ts";
import { accountPage } from "../views/account.ts";

// `account[settings][…]` arrives as the strings "true"/"false" (the unchecked box's hidden field
// comes first, the checked box's value last), coerced like the original's has_json.
const accountSchema = z.object({
  "account[name]": z.string().trim().min(1).max(255),
  "account[logo]": z.instanceof(File).optional(),
  "account[settings][restrict_room_creation_to_administrators]": z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) => (Array.isArray(value) ? value.at(-1) : value)),
});

export const accountRoutes = new Hono<AppEnv>();

accountRoutes.get("/account/edit", requireAuthentication, (c) => {
  const { db, version } = c.var.services;
  const account = Account.current(db);
  if (!account) return c.redirect("/first_run");
  const viewer = signedInUser(c);
  const people = peopleOnAccount(db, { includeBanned: viewer.isAdministrator, page: 1 });
  const body = accountPage({
    account,
    viewer,
    people: people.slice(0, PEOPLE_PAGE_SIZE),
    nextPage: people.length > PEOPLE_PAGE_SIZE ? 2 : null,
    origin: new URL(c.req.url).origin,
    csrfToken: c.var.csrfToken,
    version,
  });
  return renderPage(c, { title: account.name, body });
});

accountRoutes.on(["PATCH", "PUT"], "/account", requireAuthentication, requireAdministrator, async (c) => {
  const { db, files } = c.var.services;
  const account = Account.current(db);
  const body = await c.req.parseBody({ all: true });
  const params = accountSchema.safeParse(body);
  if (!account || !params.success) return c.text("Account name can't be blank", 422);
  const logo = params.data["account[logo]"];
  if (logo && logo.size > 0) {
    const stored = await storeImage(
      db,
      files,
      { recordType: "Account", recordId: account.id, name: "logo" },
      logo,
    );
    if (!stored.ok) {
      flashNext(c, { alert: stored.reason });
      return c.redirect("/account/edit");
    }
    account.touch();
  }
  const restrict = params.data["account[settings][restrict_room_creation_to_administrators]"];
  account.update({
    name: params.data["account[name]"],
    restrictRoomCreationToAdministrators:
      restrict === undefined ? account.settings.restrictRoomCreationToAdministrators : restrict === "true",
  });
  flashNext(c, { notice: "✓" });
  return c.redirect("/account/edit");
});

// A new join code makes every link shared so far stop working.
accountRoutes.post("/account/join_code", requireAuthentication, requireAdministrator, (c) => {
  Account.current(c.var.services.db)?.regenerateJoinCode();
  return c.redirect("/account/edit");
});
