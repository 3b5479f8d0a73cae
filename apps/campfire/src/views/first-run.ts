import { authenticityField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { userFields } from "./user-fields.ts";

export function firstRunPage(csrfToken: string): SafeHtml {
  return html`<main class="panel">
    <h1>Set up Campfire</h1>
    <p class="panel__lede">You’ll be the administrator. Everyone else joins with a link you can share.</p>
    <form action="/first_run" method="post" class="stack">
      ${authenticityField(csrfToken)}
      ${userFields()}
      <button type="submit" class="btn btn--primary">Create your account</button>
    </form>
  </main>`;
}
