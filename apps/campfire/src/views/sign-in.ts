import type { User } from "../models/user.ts";
import { authenticityField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

export interface SignInView {
  accountName: string;
  emailAddress: string;
  helpContact: User | null;
  rejected: boolean;
  version: string;
}

export function signInPage(view: SignInView, csrfToken: string): SafeHtml {
  return html`<main class="panel ${view.rejected ? "panel--shake" : ""}">
    ${accountLogo()}
    <h1>${view.accountName}</h1>
    <form action="/session" method="post" class="stack">
      ${authenticityField(csrfToken)}
      <label class="field">
        <span>Email address</span>
        <input type="email" name="email_address" value="${view.emailAddress}" required autofocus
          autocomplete="username">
      </label>
      <label class="field">
        <span>Password</span>
        <input type="password" name="password" required maxlength="72" autocomplete="current-password">
      </label>
      <button type="submit" name="log_in" class="btn btn--primary">Go</button>
    </form>
    ${helpFooter(view.helpContact, view.version)}
  </main>`;
}

// The account's logo (or our stock flame) heads the sign-in and join pages, as in the original.
export function accountLogo(): SafeHtml {
  return html`<img src="/account/logo?size=small" alt="" width="72" height="72" class="panel__logo">`;
}

// The first administrator is the person to ask for help (and a new link) when you can't get in.
export function helpFooter(contact: User | null, version: string): SafeHtml {
  const email = contact?.emailAddress;
  return html`<footer class="panel__footer">
    ${email ? html`<p>Need help? Contact <a href="mailto:${email}">${contact.name}</a>.</p>` : ""}
    <p>Campfire™ version ${version}</p>
  </footer>`;
}
