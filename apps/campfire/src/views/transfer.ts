import { authenticityField, methodField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";

// The page behind a sign-in link: one button, pressed for you by the page's script.
export function transferPage(transferId: string, csrfToken: string): SafeHtml {
  return html`<main class="panel">
    <h1>Signing you in…</h1>
    <form action="/session/transfers/${transferId}" method="post" data-submit-on-load data-turbo="false">
      ${authenticityField(csrfToken)}${methodField("PUT")}
      <button type="submit" class="btn btn--primary">Sign in</button>
    </form>
  </main>`;
}
