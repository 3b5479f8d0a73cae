import type { User } from "../models/user.ts";
import { html, type SafeHtml } from "./html.ts";

// "New Ping" (features.md §5.5): the button that opens the picker, and the picker itself, which
// stands in for the Pings strip while open. ping-picker.js fills the suggestions from the people
// autocomplete and turns each pick into a `user_ids[]` field; posting finds or creates the Ping for
// you plus the people picked.
export function newPingButton(): SafeHtml {
  return html`<button type="button" class="sidebar__new-ping" data-ping-picker-open
    title="New Ping" aria-label="New Ping"><span aria-hidden="true">+</span></button>`;
}

export function pingPicker(viewer: User): SafeHtml {
  return html`<form action="/rooms/directs" method="post" class="ping-picker" data-turbo-frame="_top"
    data-viewer-id="${viewer.id}" hidden>
    <div class="ping-picker__bar">
      <button type="button" class="ping-picker__back" data-ping-picker-close title="Cancel" aria-label="Cancel">←</button>
      <span class="ping-picker__title">New Ping</span>
    </div>
    <div class="ping-picker__field">
      <span class="ping-picker__picks" data-ping-picker-picks></span>
      <input type="text" class="ping-picker__input" data-ping-picker-input autocomplete="off"
        placeholder="Type a name…" aria-label="People to ping" role="combobox" aria-expanded="false"
        aria-controls="ping_picker_suggestions">
    </div>
    <ul id="ping_picker_suggestions" class="ping-picker__suggestions" role="listbox" data-ping-picker-suggestions></ul>
    <button type="submit" class="btn btn--primary ping-picker__submit" disabled>Ping</button>
  </form>`;
}
