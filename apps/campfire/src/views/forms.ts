import { html, type SafeHtml } from "./html.ts";

export function authenticityField(token: string): SafeHtml {
  return html`<input type="hidden" name="authenticity_token" value="${token}" autocomplete="off">`;
}

// Forms can only POST; the real verb rides along as `_method` (see http/method-override.ts).
export function methodField(method: "PATCH" | "PUT" | "DELETE"): SafeHtml {
  return html`<input type="hidden" name="_method" value="${method}" autocomplete="off">`;
}

// A one-button form for actions such as sign out or regenerate.
export function buttonTo(
  label: string,
  action: string,
  token: string,
  options: { method?: "PATCH" | "PUT" | "DELETE"; className?: string; confirm?: string } = {},
): SafeHtml {
  // Signing out also unsubscribes this browser from Web Push (public/notifications.js).
  const signOut = action === "/session" && options.method === "DELETE";
  return html`<form action="${action}" method="post" class="button-to" ${signOut ? html`data-sign-out` : ""}
    ${options.confirm ? html`data-turbo-confirm="${options.confirm}"` : ""}>
    ${authenticityField(token)}${options.method ? methodField(options.method) : ""}
    <button type="submit" class="${options.className ?? "btn"}">${label}</button>
  </form>`;
}
