import { html, type SafeHtml } from "./html.ts";

export function unsupportedBrowserPage(browsers: readonly { name: string; minimum: string }[]): SafeHtml {
  return html`<main class="panel unsupported-browser">
    <h1>Upgrade to a supported web browser</h1>
    <p>Campfire needs a recent browser. Any of these will do:</p>
    <ul class="unsupported-browser__list">
      ${browsers.map((browser) => html`<li><strong>${browser.name}</strong> ${browser.minimum} or newer</li>`)}
    </ul>
  </main>`;
}
