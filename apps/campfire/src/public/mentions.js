// @mention autocomplete in any editor that names its room: type "@" and letters, pick with ↑/↓ and
// Enter or Tab (Esc cancels); the pick becomes a mention attachment carrying the user's sgid.
import Trix from "/assets/trix.js";

const DEBOUNCE_MS = 300;
const MENTION = "application/vnd.campfire.mention";

let state = null; // { editor, start, end, results, selected, list }
let timer = null;

// The "@query" ending at the cursor, if any: "@" at the start or after whitespace, no spaces after.
function queryAtCursor(editor) {
  const [cursor, end] = editor.editor.getSelectedRange();
  if (cursor !== end) return null;
  const text = editor.editor.getDocument().toString().slice(0, cursor);
  const match = /(^|\s)@([^\s@]{0,30})$/.exec(text);
  return match ? { start: cursor - match[2].length - 1, end: cursor, query: match[2] } : null;
}

function close() {
  state?.list.remove();
  state = null;
}

function show(editor, found, results) {
  close();
  if (results.length === 0) return;
  const list = document.createElement("ul");
  list.className = "autocomplete";
  list.setAttribute("role", "listbox");
  results.forEach((user, index) => {
    const item = document.createElement("li");
    item.setAttribute("role", "option");
    item.dataset.index = index;
    const avatar = document.createElement("span");
    avatar.className = "avatar avatar--mini";
    avatar.style.backgroundColor = user.color;
    avatar.innerHTML = user.initials; // server-escaped
    const name = document.createElement("span");
    name.innerHTML = user.name; // server-escaped
    item.append(avatar, name);
    item.addEventListener("mousedown", (event) => {
      event.preventDefault();
      commit(index);
    });
    list.append(item);
  });
  editor.closest("form").after(list);
  state = { editor, ...found, results, selected: 0, list };
  highlight();
}

function highlight() {
  for (const item of state.list.children)
    item.setAttribute("aria-selected", String(Number(item.dataset.index) === state.selected));
}

function commit(index) {
  const { editor, start, end, results } = state;
  const user = results[index];
  close();
  const content = `<span class="mention" data-user-id="${user.value}"><span class="avatar avatar--mini" style="background-color: ${user.color}">${user.initials}</span>${user.name}</span>`;
  editor.editor.setSelectedRange([start, end]);
  editor.editor.insertAttachment(new Trix.Attachment({ sgid: user.sgid, contentType: MENTION, content }));
  editor.editor.insertString(" ");
}

document.addEventListener("trix-change", (event) => {
  const editor = event.target;
  const roomId = editor.dataset.autocompleteRoom;
  if (!roomId) return;
  clearTimeout(timer);
  const found = queryAtCursor(editor);
  if (!found) return close();
  timer = setTimeout(async () => {
    const params = new URLSearchParams({ room_id: roomId, query: found.query });
    const response = await fetch(`/autocompletable/users?${params}`);
    if (response.ok && queryAtCursor(editor)?.start === found.start)
      show(editor, queryAtCursor(editor), await response.json());
  }, DEBOUNCE_MS);
});

// Captured before the composer's Enter-to-send so a pick doesn't also send the message.
document.addEventListener(
  "keydown",
  (event) => {
    if (!state || event.target !== state.editor) return;
    const count = state.results.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      state.selected = (state.selected + (event.key === "ArrowDown" ? 1 : count - 1)) % count;
      highlight();
    } else if (event.key === "Enter" || event.key === "Tab") {
      commit(state.selected);
    } else if (event.key === "Escape") {
      close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  },
  true,
);

document.addEventListener("turbo:before-visit", close);
