import type { Db } from "../db/database.ts";
import {
  attachmentsIn,
  decodeAttribute,
  MENTION_CONTENT_TYPE,
  userIdFromSgid,
} from "../models/rich-text/mentions.ts";
import { plainTextOf } from "../models/rich-text/plain-text.ts";
import { User } from "../models/user.ts";
import { avatarView } from "./avatar.ts";
import { highlightCodeBlocks } from "./code-highlighting.ts";
import { escapeHtml, html, type SafeHtml, trusted } from "./html.ts";
import { linkCard, OPENGRAPH_CONTENT_TYPE, sameLink } from "./link-card.ts";

// Presentation of a stored (already sanitized) body: mentions become chips carrying the user id (so
// the browser can highlight messages that mention the reader), link previews become cards, and bare
// URLs become links; code blocks are coloured.
export function presentRichText(db: Db, stored: string): SafeHtml {
  const sanitized = highlightCodeBlocks(stored);
  const attachments = attachmentsIn(sanitized);
  const cards = attachments.filter((a) => a.attributes["content-type"] === OPENGRAPH_CONTENT_TYPE);
  const onlyCard = cards.length === 1 && cards[0] ? soloLinkCard(sanitized, cards[0].attributes) : null;
  if (onlyCard) return onlyCard;
  let out = "";
  let cursor = 0;
  for (const attachment of attachments) {
    out += autoLink(sanitized.slice(cursor, attachment.start));
    cursor = attachment.end;
    const type = attachment.attributes["content-type"];
    if (type === OPENGRAPH_CONTENT_TYPE) out += linkCard(attachment.attributes).value;
    if (type !== MENTION_CONTENT_TYPE) continue;
    const id = userIdFromSgid(decodeAttribute(attachment.attributes.sgid ?? ""));
    const user = id === null ? null : User.find(db, id);
    if (user) out += mentionChip(user).value;
  }
  return trusted(out + autoLink(sanitized.slice(cursor)));
}

// A message that is just the pasted link and its card shows the card alone (features.md §12).
function soloLinkCard(sanitized: string, attributes: Record<string, string>): SafeHtml | null {
  const text = plainTextOf(sanitized);
  const href = decodeAttribute(attributes.href ?? "");
  return text !== "" && href !== "" && sameLink(text, href) ? linkCard(attributes) : null;
}

export function mentionChip(user: User): SafeHtml {
  return html`<span class="mention" data-user-id="${user.id}">${avatarView(user, "mini")}${user.name}</span>`;
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<]*[^\s<.,;:!?)\]'"]/g;

// Only text outside existing links is touched; the markup between tags is left exactly as it was.
function autoLink(markup: string): string {
  let insideLink = 0;
  return markup
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith("<")) {
        if (/^<a[\s>]/i.test(part)) insideLink += 1;
        else if (/^<\/a>/i.test(part)) insideLink = Math.max(0, insideLink - 1);
        return part;
      }
      if (insideLink > 0) return part;
      return part.replace(URL_PATTERN, (url) => {
        const href = url.startsWith("www.") ? `http://${url}` : url;
        // The text is already entity-encoded, so it can go into the attribute as it is; quotes
        // cannot occur in it (the pattern stops at them).
        return `<a href="${href.replace(/"/g, "&quot;")}" target="_blank" rel="noreferrer">${url}</a>`;
      });
    })
    .join("");
}

export { escapeHtml };
