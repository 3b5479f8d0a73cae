import { html, type Renderable, type SafeHtml } from "./html.ts";

export const TURBO_STREAM_TYPE = "text/vnd.turbo-stream.html";

// `maintain_scroll` asks the page to keep what the reader is looking at in place while the stream
// changes content above it (edits, boosts).
export function turboStream(
  action: "append" | "prepend" | "replace" | "remove",
  target: string,
  content?: Renderable,
  options: { maintainScroll?: boolean } = {},
): SafeHtml {
  return html`<turbo-stream action="${action}" target="${target}"${options.maintainScroll ? html` maintain_scroll` : ""}><template>${content}</template></turbo-stream>`;
}
