import type { Membership } from "../models/membership.ts";
import type { Room } from "../models/room.ts";
import { html, type SafeHtml } from "./html.ts";

const LABELS = {
  everything: "Notifying about all messages",
  mentions: "Notifying about @ mentions",
  nothing: "Notifications are off",
  invisible: "Notifications are off and room invisible in sidebar",
} as const;

const ICONS = { everything: "🔔", mentions: "@", nothing: "🔕", invisible: "👻" } as const;

// Frame `involvement_<room>`: the bell. Clicking moves to the next level; the server answers with
// this frame again.
export function involvementFrame(room: Room, membership: Membership): SafeHtml {
  const level = membership.involvement;
  const next = membership.nextInvolvement(room.isDirect);
  return html`<turbo-frame id="involvement_${room.paramKey}_${room.id}" class="involvement">
    <form action="/rooms/${room.id}/involvement?involvement=${next}" method="post">
      <input type="hidden" name="_method" value="PUT">
      <button type="submit" class="involvement__bell involvement__bell--${level}" role="checkbox"
        aria-checked="${String(level !== "nothing" && level !== "invisible")}" aria-label="${LABELS[level]}"
        title="${LABELS[level]}" data-involvement="${level}">${ICONS[level]}</button>
    </form>
  </turbo-frame>`;
}
