// The composer: Enter sends (Shift+Enter breaks the line; never on touch screens), the message shows at
// once as a pending copy keyed by its client id and is replaced by the server's copy, a failed post is
// marked, typing is announced, ↑ in an empty composer edits your last message, and the composer is
// disabled while the socket has been down for more than 5 s.
import { cable } from "/assets/cable.js";
import { currentUserId } from "/assets/message-formatter.js";
import { scrollToBottom } from "/assets/message-list.js";
import { isBlank, toStoredHtml } from "/assets/rich-text.js";

const TYPING_THROTTLE_MS = 1000;
const OFFLINE_AFTER_MS = 5000;

const isTouchDevice = () => window.matchMedia("(pointer: coarse)").matches;
const randomClientMessageId = () => Math.random().toString(36).slice(2);

function pendingCopy(clientId, html) {
  const message = document.createElement("div");
  message.id = `message_${clientId}`;
  message.className = "message message--me message--pending";
  const now = Date.now();
  Object.assign(message.dataset, {
    userId: currentUserId() ?? "",
    sortValue: now,
    messageTimestamp: now,
    messageUpdatedAt: now,
  });
  const content = document.createElement("div");
  content.className = "message__content";
  const body = document.createElement("div");
  body.className = "message__body trix-content";
  const sound = /^\/play (\w+)$/.exec(
    new DOMParser().parseFromString(html, "text/html").body.textContent.trim(),
  );
  if (sound) body.textContent = `Playing ${sound[1]}…`;
  // The reader's own editor content, shown back to them until the server's sanitized copy arrives.
  else body.innerHTML = html;
  content.append(body);
  message.append(content);
  return message;
}

let typingSentAt = 0;
function typing(form, action) {
  const room_id = Number(form.dataset.roomId);
  if (action === "start") {
    if (Date.now() - typingSentAt < TYPING_THROTTLE_MS) return;
    typingSentAt = Date.now();
  } else {
    if (typingSentAt === 0) return;
    typingSentAt = 0;
  }
  cable.send({ command: "typing", room_id, action });
}

// Captured: forms inside a turbo-frame are taken over by the frame before a bubbling listener on the
// document would see them.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    const editor = form.querySelector("trix-editor");
    if (!editor) return;
    if (isBlank(editor)) {
      event.preventDefault();
      return;
    }
    // Trix syncs its hidden input on its own schedule; take the editor's value now so nothing typed
    // just before Enter is lost.
    const html = toStoredHtml(editor.value);
    form.elements.namedItem("message[body]").value = html;
    if (form.id !== "composer") return;
    const clientId = randomClientMessageId();
    form.elements.namedItem("message[client_message_id]").value = clientId;
    const list = document.querySelector(".messages[data-room-id]");
    if (list?.dataset.upToDate !== "false") {
      list?.append(pendingCopy(clientId, html));
      scrollToBottom();
    }
    form.dataset.pending = clientId;
    typing(form, "stop");
  },
  true,
);

document.addEventListener("turbo:submit-end", (event) => {
  const form = event.target;
  if (form.id !== "composer") return;
  if (event.detail.success) form.querySelector("trix-editor")?.editor.loadHTML("");
  else document.getElementById(`message_${form.dataset.pending}`)?.classList.add("message--failed");
});

document.addEventListener("trix-change", (event) => {
  const form = event.target.closest("form#composer");
  if (form) typing(form, isBlank(event.target) ? "stop" : "start");
});

function editLastMessage() {
  const mine = document.querySelectorAll(".messages > .message.message--me:not(.message--pending)");
  const message = mine[mine.length - 1];
  const frame = message?.querySelector(`turbo-frame[id="edit_${message.id}"]`);
  if (frame) frame.src = `/rooms/${message.dataset.roomId}/messages/${message.dataset.messageId}/edit`;
}

// A new line goes into Trix's document here instead of being left to the browser. Chromium answers
// Enter by editing the DOM itself (in a code block it splits the <pre> into a new element), and Trix
// redraws from its document only on the next animation frame; on a busy machine the next keystrokes
// arrive before that frame, are mapped through the browser's DOM and land beside an extra line break.
// Inserted through the editor, the line is drawn at once and the DOM never disagrees with the document.
function breakLine(editor, event) {
  const trix = editor.editor;
  if (!trix) return;
  event.preventDefault();
  // Trix takes the caret from the DOM on "selectionchange", as it does itself before handling a key.
  document.dispatchEvent(new Event("selectionchange"));
  trix.recordUndoEntry("Typing", { consolidatable: true });
  // Shift+Enter is a soft break (a new line in the same list item or quote), as Trix does it itself.
  if (event.shiftKey) trix.insertString("\n");
  else trix.insertLineBreak();
}

document.addEventListener("keydown", (event) => {
  const editor = event.target;
  if (!(editor instanceof HTMLElement) || editor.localName !== "trix-editor" || event.defaultPrevented)
    return;
  const form = editor.closest("form");
  if (event.key === "Escape" && form?.matches("[data-message-editor]")) {
    form.querySelector(".message-editor__close")?.click();
    return;
  }
  if (event.key === "ArrowUp" && form?.id === "composer" && isBlank(editor)) {
    const list = document.querySelector(".messages[data-room-id]");
    if (list?.dataset.upToDate !== "false") {
      event.preventDefault();
      editLastMessage();
    }
    return;
  }
  if (event.key !== "Enter" || event.isComposing) return;
  const modified = event.metaKey || event.ctrlKey;
  // Plain Enter sends from the composer on desktops; Ctrl/Cmd+Enter sends or saves anywhere.
  // With the formatting toolbar showing, Enter is a new line (a code block needs several).
  if (
    event.shiftKey ||
    (!modified && (form?.id !== "composer" || isTouchDevice() || form.classList.contains("composer--rich")))
  ) {
    if (!modified && !event.altKey) breakLine(editor, event);
    return;
  }
  event.preventDefault();
  // Trix folds the last keystrokes into its document asynchronously; send once it has caught up.
  requestAnimationFrame(() => setTimeout(() => form?.requestSubmit()));
});

// "Aa" shows Trix's toolbar (bold, links, quotes, code blocks, lists) and hands Enter back to Trix.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest?.(".composer__rich-toggle");
  if (!toggle) return;
  const rich = toggle.form.classList.toggle("composer--rich");
  toggle.setAttribute("aria-pressed", String(rich));
  toggle.form.querySelector("trix-editor")?.focus();
});

let offlineTimer = null;
const setOffline = (offline) => {
  for (const button of document.querySelectorAll("#composer button, #composer trix-editor")) {
    button.toggleAttribute("disabled", offline);
  }
  document.getElementById("composer-frame")?.classList.toggle("composer--offline", offline);
};
cable.addEventListener("disconnected", () => {
  clearTimeout(offlineTimer);
  offlineTimer = setTimeout(() => setOffline(true), OFFLINE_AFTER_MS);
});
cable.addEventListener("connected", () => {
  clearTimeout(offlineTimer);
  setOffline(false);
});
