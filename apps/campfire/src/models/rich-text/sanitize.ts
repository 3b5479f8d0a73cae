import sanitizeHtml from "sanitize-html";

// The allow-list of the original's presentation filters (security.md §6): anything else — img, iframe,
// script, style, svg, form — is dropped, event handlers go, and only ordinary URL schemes survive.
const ALLOWED_TAGS = [
  "a",
  "abbr",
  "acronym",
  "address",
  "b",
  "big",
  "blockquote",
  "br",
  "cite",
  "code",
  "dd",
  "del",
  "dfn",
  "div",
  "dl",
  "dt",
  "em",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "i",
  "ins",
  "kbd",
  "li",
  "ol",
  "p",
  "pre",
  "samp",
  "small",
  "span",
  "strong",
  "sub",
  "sup",
  "time",
  "tt",
  "ul",
  "var",
  "action-text-attachment",
  "figure",
  "figcaption",
];

const SAFE_ATTRIBUTES = [
  "abbr",
  "alt",
  "cite",
  "class",
  "datetime",
  "height",
  "href",
  "lang",
  "name",
  "src",
  "title",
  "width",
];

// What Action Text keeps on its attachment element (mentions and link cards are stored this way).
const ATTACHMENT_ATTRIBUTES = [
  "sgid",
  "content-type",
  "url",
  "href",
  "filename",
  "filesize",
  "width",
  "height",
  "previewable",
  "presentation",
  "caption",
  "content",
];

const options: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { "*": SAFE_ATTRIBUTES, "action-text-attachment": ATTACHMENT_ATTRIBUTES },
  allowedSchemes: ["http", "https", "mailto", "tel", "ftp"],
  allowedSchemesAppliedToAttributes: ["href", "src", "cite", "url"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, options);
}
