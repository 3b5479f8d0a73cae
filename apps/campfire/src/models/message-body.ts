import type { Db } from "../db/database.ts";
import { MENTION_CONTENT_TYPE, userIdFromSgid } from "./rich-text/mentions.ts";
import { plainTextOf } from "./rich-text/plain-text.ts";
import { sanitizeRichText } from "./rich-text/sanitize.ts";
import { User } from "./user.ts";

// A message body as it is stored (sanitized Action Text HTML) and as it reads (plain text for search,
// with mentions as "@Name"). Creating and editing both go through here.
export function prepareBody(db: Db, html: string): { body: string; plainText: string } {
  const body = sanitizeRichText(html);
  return { body, plainText: plainTextWithMentions(db, body) };
}

export function plainTextWithMentions(db: Db, body: string): string {
  return plainTextOf(body, (attributes) => {
    if (attributes["content-type"] !== MENTION_CONTENT_TYPE) return "";
    const id = userIdFromSgid(attributes.sgid ?? "");
    const user = id === null ? null : User.find(db, id);
    return user ? `@${user.name}` : "";
  });
}
