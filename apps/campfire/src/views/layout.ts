import type { Flash } from "../http/env.ts";
import { customStylesElement } from "./custom-styles.ts";
import { html, type Renderable, type SafeHtml } from "./html.ts";

export interface Page {
  title: string;
  csrfToken: string;
  flash: Flash;
  body: Renderable;
  bodyClass?: string;
  customStyles?: string | null;
  // `?v=` for the logo URLs (the account's updated_at), so a new logo shows at once.
  logoVersion?: number;
  // The application server key browsers subscribe to Web Push with.
  vapidPublicKey?: string;
  // The browser marks "mine", "mentions me" and own boosts with this (broadcast markup is shared).
  currentUserId?: number | null;
}

export function layout(page: Page): SafeHtml {
  return html`<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
  <title>${page.title}</title>
  <meta name="csrf-param" content="authenticity_token">
  <meta name="csrf-token" content="${page.csrfToken}">
  <meta name="turbo-cache-control" content="no-preview">
  ${page.vapidPublicKey ? html`<meta name="vapid-public-key" content="${page.vapidPublicKey}">` : ""}
  ${page.currentUserId ? html`<meta name="current-user-id" content="${page.currentUserId}">` : ""}
  <link rel="icon" href="/account/logo?size=small&v=${page.logoVersion ?? 0}">
  <link rel="apple-touch-icon" href="/account/logo?v=${page.logoVersion ?? 0}">
  <link rel="manifest" href="/webmanifest.json">
  <link rel="stylesheet" href="/assets/trix.css" data-turbo-track="reload">
  <link rel="stylesheet" href="/assets/campfire.css" data-turbo-track="reload">
  <link rel="stylesheet" href="/assets/room.css" data-turbo-track="reload">
  <link rel="stylesheet" href="/assets/messages.css" data-turbo-track="reload">
  <link rel="stylesheet" href="/assets/composer.css" data-turbo-track="reload">
  <link rel="stylesheet" href="/assets/searches.css" data-turbo-track="reload">
  <link rel="stylesheet" href="/assets/account.css" data-turbo-track="reload">
  <script type="module" src="/assets/campfire.js" data-turbo-track="reload"></script>
  ${page.customStyles ? customStylesElement(page.customStyles) : ""}
</head>
<body class="${page.bodyClass ?? ""}">
  ${flashMessages(page.flash)}
  ${page.body}
</body>
</html>`;
}

function flashMessages(flash: Flash): SafeHtml {
  return html`<div id="flash" class="flash" aria-live="polite">
    ${flash.alert ? html`<p class="flash__alert" role="alert">${flash.alert}</p>` : ""}
    ${flash.notice ? html`<p class="flash__notice">${flash.notice}</p>` : ""}
  </div>`;
}
