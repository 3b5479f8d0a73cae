// The "…" menu on each message: built from the page's one template when first opened; closes on
// Esc, outside clicks and after an action; copies the permalink; Reply quotes the message into the
// composer.
const openMenus = () => document.querySelectorAll("details.message__actions[open]");

// Placeholders are filled through setAttribute only, so a message's key never becomes markup.
function buildMenu(details) {
  const message = details.closest(".message");
  const template = document.getElementById("message_actions_template");
  if (!message || !template || details.querySelector(".message__menu")) return;
  const values = {
    message_id: message.dataset.messageId,
    room_id: message.dataset.roomId,
    key: message.id.slice("message_".length),
  };
  const menu = template.content.firstElementChild.cloneNode(true);
  for (const element of [menu, ...menu.querySelectorAll("*")]) {
    for (const { name, value } of [...element.attributes]) {
      if (value.includes("{"))
        element.setAttribute(
          name,
          value.replace(/\{(message_id|room_id|key)\}/g, (_, field) => values[field]),
        );
    }
  }
  details.append(menu);
}

document.addEventListener("click", (event) => {
  const summary = event.target.closest?.("details.message__actions > summary");
  if (summary) buildMenu(summary.parentElement);
  for (const menu of openMenus()) if (!menu.contains(event.target)) menu.open = false;

  const copy = event.target.closest?.("[data-copy-link]");
  if (copy) {
    navigator.clipboard?.writeText(new URL(copy.dataset.copyLink, location.href).href).then(
      () => flash(copy, "Copied!"),
      () => flash(copy, "Couldn’t copy"),
    );
  }

  const reply = event.target.closest?.("[data-reply-to]");
  if (reply) {
    const message = document.getElementById(`message_${reply.dataset.replyTo}`);
    const editor = document.querySelector("#composer trix-editor");
    if (message && editor) {
      const quote = document.createElement("blockquote");
      quote.textContent = quotedText(message);
      const author = document.createElement("div");
      author.textContent = `— ${message.querySelector(".message__author")?.textContent ?? ""}`;
      editor.editor.loadHTML(`${quote.outerHTML}${author.outerHTML}<div><br></div>`);
      editor.focus();
      editor.editor.setSelectedRange(editor.editor.getDocument().getLength());
    }
    reply.closest("details").open = false;
  }
  // Choosing a menu entry that navigates a frame (edit, new boost) closes the menu too.
  if (event.target.closest?.(".message__menu a")) event.target.closest("details").open = false;
});

// Captured, like the composer's: frames take over their forms' submit events.
document.addEventListener(
  "submit",
  (event) => {
    const menu = event.target.closest?.("details.message__actions");
    if (menu) menu.open = false;
  },
  true,
);

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  for (const menu of openMenus()) menu.open = false;
  const boostInput = event.target.closest?.(".boost-form");
  boostInput?.querySelector(".boost-form__cancel")?.click();
});

function flash(button, text) {
  const original = button.textContent;
  button.textContent = text;
  setTimeout(() => (button.textContent = original), 1200);
}

// A reply quotes what was said, not the link previews under it; a message that was only a link is
// quoted as that link.
function quotedText(message) {
  const body = message.querySelector(".message__body")?.cloneNode(true);
  if (!body) return "";
  const cards = [...body.querySelectorAll(".og-embed")];
  const links = cards.map((card) => card.querySelector(".og-embed__title a")?.href ?? "");
  for (const card of cards) card.remove();
  return body.textContent.trim() || links.join(" ");
}
