import { Parser } from "htmlparser2";

const BLOCKS = new Set([
  "address",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "figcaption",
  "figure",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "li",
  "ol",
  "p",
  "pre",
  "ul",
]);
// Elements whose text is never part of what a person reads in the message.
const SILENT = new Set(["script", "style", "template", "action-text-attachment"]);

// How an attachment reads as text (a mention reads "@Name"); attachments are silent by default.
export type AttachmentText = (attributes: Record<string, string>) => string;

// The text a person reads in a message: what search indexes and notifications quote.
// Blocks become line breaks so words in neighbouring paragraphs don't run together.
export function plainTextOf(html: string, attachmentText?: AttachmentText): string {
  let text = "";
  let silentDepth = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "action-text-attachment" && silentDepth === 0 && attachmentText) {
          text += attachmentText(attributes);
        }
        if (SILENT.has(name)) silentDepth += 1;
        else if (BLOCKS.has(name)) text += "\n";
      },
      onclosetag(name) {
        if (SILENT.has(name)) silentDepth = Math.max(0, silentDepth - 1);
        else if (BLOCKS.has(name)) text += "\n";
      },
      ontext(chunk) {
        if (silentDepth === 0) text += chunk;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return text
    .replace(/[ \t\u00a0]+/g, " ")
    .replace(/ *\n */g, "\n")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

// Nothing to read and nothing attached (a mention or link card alone still counts as content).
export function isBlankRichText(html: string): boolean {
  return plainTextOf(html) === "" && !/<action-text-attachment[\s>]/i.test(html);
}
