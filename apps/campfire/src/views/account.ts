import { fromDbTime } from "../db/time.ts";
import type { Account } from "../models/account.ts";
import type { User } from "../models/user.ts";
import { avatarView } from "./avatar.ts";
import { authenticityField, buttonTo, methodField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { shareLink } from "./share-link.ts";
import { sidebarView } from "./sidebar.ts";

export interface AccountPageView {
  account: Account;
  viewer: User;
  people: User[];
  // The next page of people, when there are more than fit on one (500 each).
  nextPage: number | null;
  origin: string;
  csrfToken: string;
  version: string;
}

// /account/edit: everyone sees the account, the join link and the people on it; administrators also
// change the logo, name and settings, roles, remove people, and reach bots and custom styles.
export function accountPage(view: AccountPageView): SafeHtml {
  const { account, viewer, csrfToken } = view;
  const admin = viewer.isAdministrator;
  const logo = `/account/logo?v=${fromDbTime(account.updatedAt).getTime()}`;
  return html`<div class="app">
    ${sidebarView(viewer, null)}
    <main class="room account" id="main-content">
      <header class="room__header">
        ${account.hasLogo ? html`<img src="${logo}" alt="" class="account__logo" width="36" height="36">` : ""}
        <h1>${account.name}</h1>
        <a href="/users/me/profile" class="btn account__me">My settings</a>
      </header>
      <div class="account__body">
        ${admin ? settingsForm(view) : ""}
        <section class="account__invite">
          <h2>Invite people</h2>
          <p>Share this link to let people join ${account.name}:</p>
          ${shareLink(`${view.origin}/join/${account.joinCode}`, "Join link")}
          ${admin ? buttonTo("Regenerate link", "/account/join_code", csrfToken, { confirm: "The current link will stop working. Continue?" }) : ""}
        </section>
        <section class="account__people">
          <h2>People</h2>
          <turbo-frame id="account_users">${peopleRows(view.people, viewer, csrfToken, view.nextPage)}</turbo-frame>
        </section>
        ${
          admin
            ? html`<nav class="account__admin-links"><a href="/account/bots" class="btn">Chat bots</a>
          <a href="/account/custom_styles/edit" class="btn">Custom styles</a></nav>`
            : ""
        }
        <section>${buttonTo("Sign out", "/session", csrfToken, { method: "DELETE", className: "btn sign-out" })}</section>
        <footer class="account__version">Campfire™ version ${view.version}</footer>
      </div>
    </main>
  </div>`;
}

function settingsForm(view: AccountPageView): SafeHtml {
  const { account, csrfToken } = view;
  return html`<section class="account__settings">
    <form action="/account" method="post" enctype="multipart/form-data" data-auto-submit class="account__logo-form">
      ${authenticityField(csrfToken)}${methodField("PATCH")}
      <input type="hidden" name="account[name]" value="${account.name}">
      <label class="btn">${account.hasLogo ? "Replace logo" : "Upload logo"}<input type="file" name="account[logo]" accept="image/png,image/jpeg,image/gif,image/webp" hidden></label>
    </form>
    ${account.hasLogo ? buttonTo("Remove logo", "/account/logo", csrfToken, { method: "DELETE" }) : ""}
    <form action="/account" method="post" class="account__form">
      ${authenticityField(csrfToken)}${methodField("PATCH")}
      <label class="field"><span>Account name</span>
        <input type="text" name="account[name]" value="${account.name}" required></label>
      <input type="hidden" name="account[settings][restrict_room_creation_to_administrators]" value="false">
      <label class="account__setting"><input type="checkbox" name="account[settings][restrict_room_creation_to_administrators]"
        value="true" ${account.settings.restrictRoomCreationToAdministrators ? "checked" : ""}>
        Must be admin to create new rooms</label>
      <button type="submit" class="btn btn--primary">Save</button>
    </form>
  </section>`;
}

// Administrators first, a divider, then members; the next page arrives as a Turbo Stream that
// replaces `next_page_container`.
export function peopleRows(
  people: User[],
  viewer: User,
  csrfToken: string,
  nextPage: number | null,
): SafeHtml {
  const admins = people.filter((person) => person.isAdministrator);
  const members = people.filter((person) => !person.isAdministrator);
  return html`${admins.map((person) => personRow(person, viewer, csrfToken))}
    ${admins.length > 0 && members.length > 0 ? html`<hr class="separator">` : ""}
    ${members.map((person) => personRow(person, viewer, csrfToken))}
    ${nextPage ? html`<turbo-frame id="next_page_container"><a href="/account/users?page=${nextPage}" data-turbo-stream>More people…</a></turbo-frame>` : ""}`;
}

function personRow(person: User, viewer: User, csrfToken: string): SafeHtml {
  const self = person.id === viewer.id;
  return html`<div class="person ${person.status === "banned" ? "banned" : ""}" id="person_${person.id}">
    <a href="/users/${person.id}" class="person__name">${avatarView(person, "mini")} ${person.name}</a>
    ${
      viewer.isAdministrator
        ? html`<form action="/account/users/${person.id}" method="post" class="person__role">
          ${authenticityField(csrfToken)}${methodField("PATCH")}
          <input type="hidden" name="user[role]" value="${person.isAdministrator ? "member" : "administrator"}">
          <button type="submit" class="btn person__crown" role="checkbox" aria-checked="${String(person.isAdministrator)}"
            aria-label="Administrator" title="Administrator" ${self ? "disabled" : ""}>👑</button>
        </form>
        ${self ? "" : buttonTo("Remove", `/account/users/${person.id}`, csrfToken, { method: "DELETE", className: "btn person__remove", confirm: `Remove ${person.name} from this account?` })}`
        : person.isAdministrator
          ? html`<span class="person__crown" title="Administrator">👑</span>`
          : ""
    }
  </div>`;
}
