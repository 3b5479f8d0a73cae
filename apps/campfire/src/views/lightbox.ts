import { html, type SafeHtml } from "./html.ts";

// The one lightbox of a page showing messages: an inline image, clicked, opens here at full size with
// Download and Share (public/lightbox.js fills it from the image's link). A native <dialog>, so
// Escape closes it and focus stays inside while it is open.
export function lightboxView(): SafeHtml {
  return html`<dialog class="lightbox" aria-label="Image">
    <div class="lightbox__toolbar">
      <span class="lightbox__caption"></span>
      <a class="btn lightbox__download" download>Download</a>
      <button type="button" class="btn lightbox__share">Share</button>
      <button type="button" class="btn lightbox__close" aria-label="Close" title="Close">✕</button>
    </div>
    <img class="lightbox__image" alt="">
  </dialog>`;
}
