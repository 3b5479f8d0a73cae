import { html, type SafeHtml } from "./html.ts";

export function notFoundPage(): SafeHtml {
  return html`<main class="panel"><h1>Not found</h1><p>The page you were looking for doesn’t exist.</p>
    <p><a href="/">Back to Campfire</a></p></main>`;
}

export function forbiddenPage(): SafeHtml {
  return html`<main class="panel"><h1>Not allowed</h1><p>Only administrators can do that.</p>
    <p><a href="/">Back to Campfire</a></p></main>`;
}
