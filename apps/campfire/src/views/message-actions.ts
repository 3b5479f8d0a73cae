import { QUICK_BOOSTS } from "./boosts.ts";
import { html, type SafeHtml } from "./html.ts";

// The "…" menu (features.md §7.4) is the same for every message but for its ids. Each message
// carries only the <details> and its summary; a page that shows messages holds one copy of the menu
// in this template, which message-menu.js clones and fills in when a menu is first opened. A message
// broadcast to a room of 2,000 people is then a third of the bytes it would be with eight boost forms.
export function messageActions(): SafeHtml {
  return html`<details class="message__actions">
    <summary aria-label="Message actions" title="Actions">…</summary>
  </details>`;
}

// Placeholders {message_id}, {key} and {room_id} appear only in attribute values, which the
// browser side sets through setAttribute, so a client-chosen key can never become markup.
export function messageActionsTemplate(): SafeHtml {
  return html`<template id="message_actions_template">
    <div class="message__menu" role="menu">
      <div class="message__quick-boosts">
        ${QUICK_BOOSTS.map(
          ([emoji, label]) => html`<form action="/messages/{message_id}/boosts" method="post"
            data-turbo-frame="boosting_message_{key}">
            <input type="hidden" name="boost[content]" value="${emoji}">
            <button type="submit" class="message__quick-boost" title="${label}" aria-label="${label}">${emoji}</button>
          </form>`,
        )}
      </div>
      <a href="/messages/{message_id}/boosts/new" data-turbo-frame="new_boost_message_{key}" role="menuitem">New boost</a>
      <button type="button" data-reply-to="{key}" role="menuitem">Reply</button>
      <button type="button" data-copy-link="/rooms/{room_id}/@{message_id}" role="menuitem">Copy link</button>
      <a href="/rooms/{room_id}/messages/{message_id}/edit" data-turbo-frame="edit_message_{key}"
        class="message__edit" role="menuitem">Edit</a>
    </div>
  </template>`;
}
