import type { Message } from "../models/message.ts";
import type { User } from "../models/user.ts";
import { authenticityField, buttonTo } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { lightboxView } from "./lightbox.ts";
import { messageView } from "./message.ts";
import { messageActionsTemplate } from "./message-actions.ts";
import { sidebarView } from "./sidebar.ts";

export interface SearchPageView {
  viewer: User;
  query: string;
  results: Message[];
  recent: string[];
  // The room the back arrow returns to (the `last_room` cookie), if any.
  backTo: string;
  csrfToken: string;
}

// /searches: the composer's place is taken by the search field; results read like messages, each
// with its room's name, oldest first and scrolled to the newest.
export function searchPage(view: SearchPageView): SafeHtml {
  const { viewer, query, results } = view;
  return html`<div class="app">
    ${sidebarView(viewer, null)}
    <main class="room searches" id="main-content">
      <header class="room__header">
        <a href="${view.backTo}" class="searches__back" aria-label="Back" title="Back">←</a>
        <h1>${query ? html`“${query}” <span class="searches__count">${results.length} ${results.length === 1 ? "match" : "matches"}</span>` : "Search"}</h1>
      </header>
      <div class="messages searches__results" role="log" data-scroll-to-bottom>
        ${query && results.length === 0 ? html`<p class="searches__empty">No matches.</p>` : ""}
        ${results.map((message) => messageView(message, { roomName: message.room?.displayNameFor(viewer) ?? "" }))}
      </div>
      ${messageActionsTemplate()}
      <footer class="composer searches__footer">
        ${recentSearches(view)}
        <form action="/searches" method="post" class="searches__form" role="search">
          ${authenticityField(view.csrfToken)}
          <input type="search" name="q" value="${query}" placeholder="Search messages…" aria-label="Search"
            autocomplete="off" autofocus required class="searches__field">
          <button type="submit" class="btn btn--primary">Search</button>
        </form>
      </footer>
      ${lightboxView()}
    </main>
  </div>`;
}

function recentSearches(view: SearchPageView): SafeHtml | string {
  if (view.recent.length === 0) return "";
  return html`<nav class="searches__recent" aria-label="Recent searches">
    ${view.recent.map((query) => html`<a href="/searches?q=${encodeURIComponent(query)}" class="searches__chip">${query}</a>`)}
    ${buttonTo("🧹", "/searches/clear", view.csrfToken, {
      method: "DELETE",
      className: "btn searches__clear",
      confirm: "Clear all recent searches?",
    })}
  </nav>`;
}
