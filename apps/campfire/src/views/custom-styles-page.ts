import type { Account } from "../models/account.ts";
import type { User } from "../models/user.ts";
import { authenticityField, methodField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { sidebarView } from "./sidebar.ts";

// /account/custom_styles/edit: the administrator's stylesheet for every page (Ctrl/Cmd+Enter saves).
export function customStylesPage(account: Account, viewer: User, csrfToken: string): SafeHtml {
  return html`<div class="app">
    ${sidebarView(viewer, null)}
    <main class="room account" id="main-content">
      <header class="room__header"><a href="/account/edit" aria-label="Back">←</a><h1>Custom styles</h1></header>
      <form action="/account/custom_styles" method="post" class="account__body custom-styles" data-save-with-keyboard>
        ${authenticityField(csrfToken)}${methodField("PATCH")}
        <label class="field"><span>Add custom CSS styles. Use caution: you could break things.</span>
          <textarea name="account[custom_styles]" rows="18" spellcheck="false" class="custom-styles__editor">${account.customStyles ?? ""}</textarea></label>
        <button type="submit" class="btn btn--primary">Save</button>
      </form>
    </main>
  </div>`;
}
