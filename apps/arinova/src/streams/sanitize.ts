/**
 * The original's regular-expression scrub of user content before storage (websocket.md §2.4):
 * script, iframe, object and form blocks, embed tags and inline event handlers go; other HTML
 * stays, because the web app renders markdown that may contain it.
 */
const PATTERNS: readonly RegExp[] = [
  /<script\b[^>]*>[\s\S]*?<\/script>/gi,
  /<\/script>/gi,
  /<iframe\b[^>]*>[\s\S]*?<\/iframe>/gi,
  /<object\b[^>]*>[\s\S]*?<\/object>/gi,
  /<embed\b[^>]*>/gi,
  /<form\b[^>]*>[\s\S]*?<\/form>/gi,
  /\s+on[a-z]+\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/gi,
];

export function sanitizeContent(content: string): string {
  let clean = content;
  for (const pattern of PATTERNS) clean = clean.replace(pattern, "");
  return clean;
}
