import { decodeAttribute } from "../models/rich-text/mentions.ts";
import { html, type SafeHtml } from "./html.ts";

// A link preview is stored the Action Text way, as the composer attached it (features.md §12):
// href = the link, url = the image, filename = the title, caption = the description.
export const OPENGRAPH_CONTENT_TYPE = "application/vnd.actiontext.opengraph-embed";

const TITLE_LIMIT = 280;
const DESCRIPTION_LIMIT = 560;

// The attributes came from a member's browser, not from our unfurl: anything but an http(s) URL is
// dropped here even though the sanitizer already refused other schemes.
function httpUrl(value: string | undefined): string | null {
  const url = value ? URL.parse(decodeAttribute(value)) : null;
  return url && (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
}

const truncate = (text: string, limit: number) =>
  text.length > limit ? `${text.slice(0, limit - 1).trimEnd()}…` : text;

export function linkCard(attributes: Record<string, string>): SafeHtml {
  const href = httpUrl(attributes.href);
  const image = httpUrl(attributes.url);
  const title = truncate(decodeAttribute(attributes.filename ?? ""), TITLE_LIMIT);
  const description = truncate(decodeAttribute(attributes.caption ?? ""), DESCRIPTION_LIMIT);
  if (!href || !title) return html``;
  // Twitter profile pictures are small squares; shown full width they would be a blurry wall.
  const avatar = image?.startsWith("https://pbs.twimg.com/profile_images") ? "cf-twitter-avatar" : "";
  return html`<div class="og-embed">
    <div class="og-embed__content">
      <div class="og-embed__title"><a href="${href}" target="_blank" rel="noreferrer">${title}</a></div>
      ${description && html`<div class="og-embed__description">${description}</div>`}
    </div>
    ${image && html`<div class="og-embed__image"><img src="${image}" alt="" loading="lazy" referrerpolicy="no-referrer" class="${avatar}"></div>`}
  </div>`;
}

// A link's identity for "is this message only the link?": tweets are the same on x.com and
// twitter.com, and the query string (tracking, mostly) doesn't make it another link.
export function sameLink(a: string, b: string): boolean {
  const key = (value: string) => {
    const url = URL.parse(value.trim());
    if (!url) return value.trim();
    const host = url.hostname.replace(/^(?:www\.)?x\.com$/, "twitter.com");
    return `${host}${url.pathname.replace(/\/$/, "")}`;
  };
  return key(a) === key(b);
}
