import { createHmac } from "node:crypto";
import { z } from "zod";

// A mention is stored the Action Text way: <action-text-attachment sgid="…" content-type="…">, the sgid
// naming the user with a signed global id in Rails' JSON message format.
export const MENTION_CONTENT_TYPE = "application/vnd.campfire.mention";

const sgidPayload = z.object({ _rails: z.object({ data: z.string(), pur: z.string().optional() }) });

export function mentionSgidFor(userId: number, key: string): string {
  const data = Buffer.from(
    JSON.stringify({ _rails: { data: `gid://campfire/User/${userId}`, pur: "attachable" } }),
  ).toString("base64");
  return `${data}--${createHmac("sha256", key).update(data).digest("hex")}`;
}

// The signature is deliberately not checked: like the original, mentions must survive a
// SECRET_KEY_BASE rotation, and naming a user is all a mention can do (the user must also be a member
// of the room to be notified).
export function userIdFromSgid(sgid: string): number | null {
  const [data = ""] = sgid.split("--");
  try {
    const parsed = sgidPayload.safeParse(JSON.parse(Buffer.from(data, "base64").toString("utf8")));
    const match = parsed.success ? /^gid:\/\/[^/]+\/User\/(\d+)/.exec(parsed.data._rails.data) : null;
    return match?.[1] ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export interface Attachment {
  attributes: Record<string, string>;
  // Where the element sits in the sanitized HTML, so callers can splice a rendering in its place.
  start: number;
  end: number;
}

// Sanitized HTML has a fixed shape (double-quoted attributes, escaped quotes), so the attachments in
// it can be found without a full parser.
const ATTACHMENT = /<action-text-attachment\b([^>]*)>[\s\S]*?<\/action-text-attachment>/g;
const ATTRIBUTE = /([\w-]+)="([^"]*)"/g;

export function attachmentsIn(html: string): Attachment[] {
  return [...html.matchAll(ATTACHMENT)].map((match) => ({
    attributes: Object.fromEntries([...(match[1] ?? "").matchAll(ATTRIBUTE)].map((a) => [a[1], a[2]])),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

export function mentionedUserIds(html: string): number[] {
  const ids = attachmentsIn(html)
    .filter((attachment) => attachment.attributes["content-type"] === MENTION_CONTENT_TYPE)
    .map((attachment) => userIdFromSgid(decodeAttribute(attachment.attributes.sgid ?? "")));
  return [...new Set(ids.filter((id): id is number => id !== null))];
}

export function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
