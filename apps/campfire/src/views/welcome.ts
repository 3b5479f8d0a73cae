import type { User } from "../models/user.ts";
import { html, type SafeHtml } from "./html.ts";
import { sidebarView } from "./sidebar.ts";

export function noRoomsPage(user: User): SafeHtml {
  return html`<div class="app">
    ${sidebarView(user, null)}
    <main class="room room--empty"><p>No rooms yet</p></main>
  </div>`;
}
