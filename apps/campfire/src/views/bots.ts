import { bots } from "../models/bot.ts";
import { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import { avatarView } from "./avatar.ts";
import { authenticityField, buttonTo, methodField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { sidebarView } from "./sidebar.ts";

const page = (viewer: User, title: string, body: SafeHtml) => html`<div class="app">
  ${sidebarView(viewer, null)}
  <main class="room account" id="main-content">
    <header class="room__header"><a href="/account/edit" aria-label="Back">←</a><h1>${title}</h1></header>
    <div class="account__body">${body}</div>
  </main>
</div>`;

// /account/bots: each bot with ready-to-paste curl commands for every shared room it is in.
export function botsPage(viewer: User, list: User[], origin: string): SafeHtml {
  return page(
    viewer,
    "Chat bots",
    html`<p><a href="/account/bots/new" class="btn btn--primary">New bot</a></p>
    ${list.map((bot) => {
      const rooms = Room.allFor(bot).filter((room) => !room.isDirect);
      return html`<section class="bot" id="bot_${bot.id}">
        <h2>${avatarView(bot, "mini")} ${bot.name} <a href="/account/bots/${bot.id}/edit" class="btn">Edit</a></h2>
        ${rooms.map((room) => {
          const url = `${origin}/rooms/${room.id}/${bots.keyOf(bot)}/messages`;
          return html`<p>#${room.name ?? ""}</p>
            <code class="bots__command">curl -d 'Hello!' ${url}</code>
            <code class="bots__command">curl -F "attachment=@/path/to/file" ${url}</code>`;
        })}
      </section>`;
    })}`,
  );
}

export function botFormPage(viewer: User, bot: User | null, csrfToken: string): SafeHtml {
  const action = bot ? `/account/bots/${bot.id}` : "/account/bots";
  return page(
    viewer,
    bot ? `Edit ${bot.name}` : "New bot",
    html`<form action="${action}" method="post" enctype="multipart/form-data" class="account__form">
      ${authenticityField(csrfToken)}${bot ? methodField("PATCH") : ""}
      <label class="field"><span>Avatar</span><input type="file" name="user[avatar]" accept="image/png,image/jpeg,image/gif,image/webp"></label>
      <label class="field"><span>Name</span><input type="text" name="user[name]" value="${bot?.name ?? ""}" required></label>
      <label class="field"><span>Webhook URL</span>
        <input type="url" name="user[webhook_url]" value="${bot ? (bots.webhookUrlOf(bot) ?? "") : ""}" placeholder="https://example.com/bot"></label>
      <button type="submit" class="btn btn--primary">Save</button>
    </form>
    ${
      bot
        ? html`${buttonTo("Regenerate key", `/account/bots/${bot.id}/key`, csrfToken, { method: "PATCH", confirm: "Regenerate the key? All usage must be updated." })}
          ${buttonTo("Delete bot", `/account/bots/${bot.id}`, csrfToken, { method: "DELETE", className: "btn btn--danger", confirm: `Delete ${bot.name}?` })}`
        : ""
    }`,
  );
}
