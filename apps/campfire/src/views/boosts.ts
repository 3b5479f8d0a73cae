import type { Boost } from "../models/boost.ts";
import type { Message } from "../models/message.ts";
import { avatarView } from "./avatar.ts";
import { html, type SafeHtml } from "./html.ts";

// The eight quick boosts of the message menu (features.md §7.4).
export const QUICK_BOOSTS = [
  ["👍", "Thumbs up"],
  ["👏", "Clapping"],
  ["👋", "Waving hand"],
  ["💪", "Muscle"],
  ["❤️", "Red heart"],
  ["😂", "Face with tears of joy"],
  ["🎉", "Party popper"],
  ["🔥", "Fire"],
] as const;

const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u;

// A chip: booster's avatar and the content. The "−" only shows on your own (the browser marks them),
// and only the booster can remove one on the server too.
export function boostView(boost: Boost): SafeHtml {
  const emoji = EMOJI_ONLY.test(boost.content) && !/^\d+$/.test(boost.content);
  return html`<span id="boost_${boost.id}" class="boost ${emoji ? "boost--emoji" : ""}"
    data-booster-id="${boost.boosterId}" tabindex="0">
    ${avatarView(boost.booster, "mini")}<span class="boost__content">${boost.content}</span>
    <form action="/messages/${boost.messageId}/boosts/${boost.id}" method="post" class="boost__delete">
      <input type="hidden" name="_method" value="DELETE">
      <button type="submit" aria-label="Delete this boost" title="Delete this boost">−</button>
    </form>
  </span>`;
}

// Frame `boosting_message_<cmid>`: the chips, then the slot the new-boost input loads into.
export function boostingFrame(message: Message): SafeHtml {
  const key = message.clientMessageId;
  return html`<turbo-frame id="boosting_message_${key}" class="message__boosts">
    <div id="boosts_message_${key}" class="boosts">${message.boosts.map(boostView)}</div>
    <turbo-frame id="new_boost_message_${key}" class="boosts__new">
      <a href="/messages/${message.id}/boosts/new" class="boosts__add" aria-label="New boost" title="Boost">+</a>
    </turbo-frame>
  </turbo-frame>`;
}

export function newBoostFrame(message: Message): SafeHtml {
  const key = message.clientMessageId;
  return html`<turbo-frame id="new_boost_message_${key}" class="boosts__new">
    <form action="/messages/${message.id}/boosts" method="post" class="boost-form"
      data-turbo-frame="boosting_message_${key}">
      <input type="text" name="boost[content]" maxlength="16" pattern=".*\\S.*" required autofocus
        autocomplete="off" aria-label="Boost" placeholder="Boost…">
      <button type="submit" class="btn btn--small" aria-label="Submit">✓</button>
      <a href="/messages/${message.id}/boosts" data-turbo-frame="boosting_message_${key}" class="boost-form__cancel"
        aria-label="Cancel">×</a>
    </form>
  </turbo-frame>`;
}
