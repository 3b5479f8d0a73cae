import type { User } from "../models/user.ts";
import { avatarView } from "./avatar.ts";
import { buttonTo } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { shareLink } from "./share-link.ts";
import { sidebarView } from "./sidebar.ts";

export interface UserPageView {
  user: User;
  viewer: User;
  // Administrators get the person's sign-in link to hand back to them.
  transferUrl: string | null;
  csrfToken: string;
}

// /users/:id: anyone signed in may look; email, the sign-in link and Ban are for administrators.
export function userPage(view: UserPageView): SafeHtml {
  const { user, viewer, csrfToken } = view;
  const gone = user.status === "deactivated";
  return html`<div class="app">
    ${sidebarView(viewer, null)}
    <main class="room user-page ${user.status === "banned" ? "banned" : ""}" id="main-content">
      <header class="room__header"><h1>${user.name}</h1></header>
      <div class="profile__body">
        ${avatarView(user, "large")}
        ${
          gone
            ? html`<p class="user-page__gone">${user.name} is no longer on this account.</p>`
            : html`
          ${user.bio ? html`<p class="user-page__bio">${user.bio}</p>` : ""}
          ${viewer.isAdministrator && user.emailAddress ? html`<p><a href="mailto:${user.emailAddress}">${user.emailAddress}</a></p>` : ""}
          ${user.status === "banned" ? html`<p class="user-page__banned">Banned</p>` : ""}
          ${user.id !== viewer.id && !viewer.isBot ? pingButton(user, csrfToken) : ""}
          ${
            view.transferUrl
              ? html`<section class="profile__transfer"><h2>Sign-in link</h2>
            <p>Share to get them back into their account. It works for 4 hours.</p>${shareLink(view.transferUrl, "Sign-in link")}</section>`
              : ""
          }
          ${viewer.isAdministrator && user.id !== viewer.id && !user.isBot ? banButton(user, csrfToken) : ""}`
        }
      </div>
    </main>
  </div>`;
}

function pingButton(user: User, csrfToken: string): SafeHtml {
  return html`<form action="/rooms/directs" method="post" class="button-to">
    <input type="hidden" name="authenticity_token" value="${csrfToken}">
    <input type="hidden" name="user_ids[]" value="${user.id}">
    <button type="submit" class="btn btn--primary">Ping</button>
  </form>`;
}

function banButton(user: User, csrfToken: string): SafeHtml {
  return user.status === "banned"
    ? buttonTo("Remove ban", `/users/${user.id}/ban`, csrfToken, { method: "DELETE" })
    : buttonTo("Ban", `/users/${user.id}/ban`, csrfToken, {
        className: "btn btn--danger",
        confirm: `Ban ${user.name}? Their messages will be deleted and their IP addresses blocked.`,
      });
}
