import { html, type SafeHtml } from "./html.ts";

// A subscription the page asks our /cable socket for (public/cable.js defines the element). The
// server decides whether the viewer may have it; the name alone grants nothing.
export function streamSource(stream: string): SafeHtml {
  return html`<cable-stream-source stream="${stream}" hidden></cable-stream-source>`;
}
