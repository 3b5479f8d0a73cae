import { html, type SafeHtml, trusted } from "./html.ts";

// Administrators' CSS goes into every page raw, as in the original (the administrator runs the
// server), but it must stay CSS: HTML ends a <style> element at the first `</style`, so every `<`
// becomes the CSS escape `\3c ` (which means the same character inside a CSS string, and no valid
// CSS needs a bare `<` anywhere else). Nothing the stylesheet says can then open or close a tag.
export function escapeCustomStyles(css: string): string {
  return css.replace(/</g, "\\3c ");
}

export function customStylesElement(css: string): SafeHtml {
  return html`<style data-turbo-track="reload" id="custom-styles">${trusted(escapeCustomStyles(css))}</style>`;
}
