import type { User } from "../models/user.ts";
import { avatarColor, initialsOf } from "./avatar.ts";
import { escapeHtml } from "./html.ts";

// The pictures the avatar route draws when there is no usable upload (features.md §3.3): a person's
// initials on their colour, or our own robot for bots.
export function initialsSvg(user: User): string {
  const initials = initialsOf(user.name);
  // Three initials are squeezed to 85% of their width so they still fit the tile.
  const squeeze =
    [...initials].length >= 3 ? ' transform="translate(256 0) scale(0.85 1) translate(-256 0)"' : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
<rect width="512" height="512" rx="50" fill="${avatarColor(user.id)}"/>
<g${squeeze}><text x="256" y="256" dy="0.35em" text-anchor="middle" fill="#fff" font-size="230" font-weight="800"
 font-family="system-ui, -apple-system, sans-serif">${escapeHtml(initials)}</text></g>
</svg>`;
}

export const DEFAULT_BOT_AVATAR = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
<rect width="512" height="512" rx="50" fill="#5D618F"/>
<line x1="256" y1="70" x2="256" y2="130" stroke="#fff" stroke-width="20" stroke-linecap="round"/>
<circle cx="256" cy="62" r="22" fill="#fff"/>
<rect x="106" y="130" width="300" height="250" rx="60" fill="#fff"/>
<circle cx="196" cy="240" r="34" fill="#5D618F"/><circle cx="316" cy="240" r="34" fill="#5D618F"/>
<rect x="186" y="310" width="140" height="24" rx="12" fill="#5D618F"/>
<rect x="66" y="210" width="40" height="90" rx="20" fill="#fff"/><rect x="406" y="210" width="40" height="90" rx="20" fill="#fff"/>
</svg>`;
