import type { Membership } from "../models/membership.ts";
import type { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import { avatarView } from "./avatar.ts";
import { authenticityField, buttonTo, methodField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { involvementFrame } from "./involvement.ts";
import { shareLink } from "./share-link.ts";
import { sidebarView } from "./sidebar.ts";

export interface ProfileView {
  user: User;
  memberships: { room: Room; membership: Membership }[];
  transferUrl: string;
  csrfToken: string;
}

// /users/me/profile: your picture, name, email, password and bio; every room's bell; the sign-in
// link for another device; sign out.
export function profilePage(view: ProfileView): SafeHtml {
  const { user, csrfToken } = view;
  const shared = view.memberships.filter((entry) => !entry.room.isDirect);
  const pings = view.memberships.filter((entry) => entry.room.isDirect);
  return html`<div class="app">
    ${sidebarView(user, null)}
    <main class="room profile" id="main-content">
      <header class="room__header"><h1>My profile</h1></header>
      <div class="profile__body">
        <section class="profile__avatar">
          ${avatarView(user, "large")}
          <form action="/users/me/profile" method="post" enctype="multipart/form-data" data-auto-submit>
            ${authenticityField(csrfToken)}${methodField("PATCH")}
            <label class="btn">Change avatar<input type="file" name="user[avatar]" accept="image/png,image/jpeg,image/gif,image/webp" hidden></label>
          </form>
          ${user.hasAvatar ? buttonTo("Remove avatar", "/users/me/avatar", csrfToken, { method: "DELETE" }) : ""}
        </section>
        <form action="/users/me/profile" method="post" class="profile__form">
          ${authenticityField(csrfToken)}${methodField("PATCH")}
          <label class="field"><span>Name</span>
            <input type="text" name="user[name]" value="${user.name}" required autocomplete="name"></label>
          <label class="field"><span>Email address</span>
            <input type="email" name="user[email_address]" value="${user.emailAddress ?? ""}" required autocomplete="username"></label>
          <label class="field"><span>Change password</span>
            <input type="password" name="user[password]" maxlength="72" autocomplete="new-password" placeholder="Leave blank to keep it"></label>
          <label class="field"><span>Bio</span>
            <textarea name="user[bio]" maxlength="200" rows="3">${user.bio ?? ""}</textarea></label>
          <button type="submit" class="btn btn--primary">Save changes</button>
        </form>
        <section class="profile__rooms">
          <h2>Rooms</h2>
          ${shared.map((entry) => roomRow(entry, user))}
          ${pings.length > 0 ? html`<hr class="separator">${pings.map((entry) => roomRow(entry, user))}` : ""}
        </section>
        <section class="profile__transfer">
          <h2>Sign in on another device</h2>
          <p>Open this link (or scan it) on another device to sign in there as you. It works for 4 hours.</p>
          ${shareLink(view.transferUrl, "Sign-in link")}
        </section>
        <section>${buttonTo("Sign out", "/session", csrfToken, { method: "DELETE", className: "btn sign-out" })}</section>
      </div>
    </main>
  </div>`;
}

function roomRow(entry: { room: Room; membership: Membership }, viewer: User): SafeHtml {
  return html`<div class="profile__room">
    <a href="/rooms/${entry.room.id}">${entry.room.displayNameFor(viewer)}</a>
    ${involvementFrame(entry.room, entry.membership)}
  </div>`;
}
