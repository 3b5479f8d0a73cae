import hljs from "highlight.js/lib/core";
import bash from "highlight.js/lib/languages/bash";
import css from "highlight.js/lib/languages/css";
import diff from "highlight.js/lib/languages/diff";
import go from "highlight.js/lib/languages/go";
import java from "highlight.js/lib/languages/java";
import javascript from "highlight.js/lib/languages/javascript";
import json from "highlight.js/lib/languages/json";
import python from "highlight.js/lib/languages/python";
import ruby from "highlight.js/lib/languages/ruby";
import rust from "highlight.js/lib/languages/rust";
import sql from "highlight.js/lib/languages/sql";
import xml from "highlight.js/lib/languages/xml";
import { decodeAttribute } from "../models/rich-text/mentions.ts";
import { sanitizeRichText } from "../models/rich-text/sanitize.ts";

// Code blocks are highlighted on the server (features.md §7.3 has the browser do it): our messages
// reach readers as one broadcast fragment, so colouring it once here spares every reader's page the
// work, and the colours are there before any script runs. The same 12 languages, auto-detected.
const highlighter = hljs.newInstance();
for (const [name, language] of Object.entries({
  bash,
  css,
  diff,
  go,
  java,
  javascript,
  json,
  python,
  ruby,
  rust,
  sql,
  xml,
})) {
  highlighter.registerLanguage(name, language);
}

// Auto-detection runs every language over the text; past this size a block stays plain rather than
// hold up the render of a whole page of messages.
const MAX_HIGHLIGHTED_LENGTH = 20_000;

// Sanitized markup escapes every "<" in text, so a <pre> with no "<" inside holds only text, which is
// what gets coloured (a block with formatting or a mention in it is left as it was).
const TEXT_ONLY_PRE = /<pre((?:\s[^>]*)?)>([^<]*)<\/pre>/g;

export function highlightCodeBlocks(sanitized: string): string {
  return sanitized.replace(TEXT_ONLY_PRE, (block, attributes: string, escaped: string) => {
    const code = decodeAttribute(escaped);
    if (code.trim() === "" || code.length > MAX_HIGHLIGHTED_LENGTH) return block;
    const result = highlighter.highlightAuto(code);
    const language = result.language ? ` language-${result.language}` : "";
    // highlight.js escapes the code itself and adds only <span class="hljs-…">; the sanitizer pass
    // keeps that promise checked rather than trusted.
    return sanitizeRichText(`<pre${attributes}><code class="hljs${language}">${result.value}</code></pre>`);
  });
}
