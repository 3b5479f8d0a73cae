import { html, type SafeHtml } from "./html.ts";

export function qrCodePath(url: string): string {
  return `/qr_code/${Buffer.from(url).toString("base64url")}`;
}

// A link people pass on (the join link, a personal sign-in link): the URL to copy, a Share button
// where the browser can share, and the QR code to scan from a phone.
export function shareLink(url: string, label: string): SafeHtml {
  return html`<div class="share-link">
    <input type="text" readonly value="${url}" class="share-link__url" aria-label="${label}">
    <button type="button" class="btn share-link__copy" data-copy="${url}" title="Copy" aria-label="Copy ${label}">Copy</button>
    <button type="button" class="btn share-link__share" data-share="${url}" title="Share" aria-label="Share ${label}" hidden>Share</button>
    <details class="share-link__qr">
      <summary class="btn" aria-label="Show QR code" title="QR code">QR</summary>
      <img src="${qrCodePath(url)}" alt="QR code for ${label}" width="256" height="256">
    </details>
  </div>`;
}
