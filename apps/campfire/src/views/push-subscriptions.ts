import type { PushSubscriptionRow } from "../models/push-subscriptions.ts";
import type { User } from "../models/user.ts";
import { buttonTo } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { sidebarView } from "./sidebar.ts";

// The browsers that receive your notifications, each removable.
export function pushSubscriptionsPage(
  user: User,
  subscriptions: PushSubscriptionRow[],
  csrfToken: string,
): SafeHtml {
  return html`<div class="app">
    ${sidebarView(user, null)}
    <main class="room account" id="main-content">
      <header class="room__header"><a href="/users/me/profile" aria-label="Back">←</a><h1>Push notifications</h1></header>
      <div class="account__body">
        ${subscriptions.length === 0 ? html`<p>No browser is subscribed.</p>` : ""}
        ${subscriptions.map(
          (subscription) => html`<div class="person">
            <span class="person__name">${subscription.user_agent ?? "Unknown browser"} — ${new URL(subscription.endpoint).host}</span>
            ${buttonTo("Remove", `/users/me/push_subscriptions/${subscription.id}`, csrfToken, { method: "DELETE" })}
          </div>`,
        )}
      </div>
    </main>
  </div>`;
}
