import { html, type SafeHtml } from "./html.ts";

// The name / email / password fields shared by first run and the join page. Passwords are capped at
// 72 characters, bcrypt's effective length.
export function userFields(values: { name?: string; emailAddress?: string } = {}): SafeHtml {
  return html`
    <label class="field">
      <span>Name</span>
      <input type="text" name="user[name]" value="${values.name ?? ""}" required autofocus autocomplete="name">
    </label>
    <label class="field">
      <span>Email address</span>
      <input type="email" name="user[email_address]" value="${values.emailAddress ?? ""}" required
        autocomplete="username">
    </label>
    <label class="field">
      <span>Password</span>
      <input type="password" name="user[password]" required maxlength="72" autocomplete="new-password">
    </label>`;
}
