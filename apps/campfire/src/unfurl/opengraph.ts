import { Parser } from "htmlparser2";

// The OpenGraph tags of a page (features.md §12), read with a real HTML parser: pages are hostile
// input, and a regex over them would be fooled by comments, scripts and odd quoting.
export interface OpenGraphTags {
  title?: string;
  description?: string;
  url?: string;
  image?: string;
}

const WANTED: Record<string, keyof OpenGraphTags> = {
  "og:title": "title",
  "og:description": "description",
  "og:url": "url",
  "og:image": "image",
};

export function openGraphTagsOf(html: string): OpenGraphTags {
  const tags: OpenGraphTags = {};
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== "meta") return;
        // Sites use either attribute; the original accepts both.
        const key = WANTED[(attributes.property ?? attributes.name ?? "").trim().toLowerCase()];
        const content = attributes.content;
        // The first occurrence wins, as a crawler reads it.
        if (key && content !== undefined && tags[key] === undefined) tags[key] = content;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return tags;
}

// Title and description become plain text: tags are stripped, and so are tags that arrive
// entity-encoded (`&lt;script&gt;` decodes to a tag, which goes too). Whatever remains is escaped
// again when it is rendered.
export function plainMetaText(value: string): string {
  let text = value;
  for (let pass = 0; pass < 3; pass++) {
    const stripped = textContentOf(text);
    if (stripped === text) break;
    text = stripped;
  }
  return text.replace(/\s+/g, " ").trim();
}

function textContentOf(markup: string): string {
  let text = "";
  let silent = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === "script" || name === "style") silent += 1;
      },
      onclosetag(name) {
        if (name === "script" || name === "style") silent = Math.max(0, silent - 1);
      },
      ontext(chunk) {
        if (silent === 0) text += chunk;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(markup);
  parser.end();
  return text;
}
