import type { User } from "../models/user.ts";
import { authenticityField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { accountLogo, helpFooter } from "./sign-in.ts";
import { userFields } from "./user-fields.ts";

export function joinPage(
  view: { accountName: string; joinCode: string; helpContact: User | null; version: string },
  csrfToken: string,
): SafeHtml {
  return html`<main class="panel">
    ${accountLogo()}
    <h1>Join ${view.accountName}</h1>
    <form action="/join/${encodeURIComponent(view.joinCode)}" method="post" class="stack">
      ${authenticityField(csrfToken)}
      ${userFields()}
      <button type="submit" class="btn btn--primary">Join</button>
    </form>
    ${helpFooter(view.helpContact, view.version)}
  </main>`;
}
