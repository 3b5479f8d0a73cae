// "New Ping" (features.md §5.5): the picker replaces the Pings strip; typing suggests people from
// the account (the same autocomplete the composer uses, without a room), ↑/↓ and Enter or a click
// pick, Backspace in an empty field drops the last pick, Esc or ← cancels. Each pick is a hidden
// `user_ids[]` field, so posting the form finds or creates the Ping for you and them.
const DEBOUNCE_MS = 200;

let timer = null;
let suggestions = [];
let selected = 0;

const pickerOf = (element) => element.closest("nav.sidebar")?.querySelector(".ping-picker");
const parts = (form) => ({
  input: form.querySelector("[data-ping-picker-input]"),
  picks: form.querySelector("[data-ping-picker-picks]"),
  list: form.querySelector("[data-ping-picker-suggestions]"),
  submit: form.querySelector(".ping-picker__submit"),
});
const pickedIds = (form) =>
  [...form.querySelectorAll("input[name='user_ids[]']")].map((field) => field.value);

function avatarTile(user) {
  const avatar = document.createElement("span");
  avatar.className = "avatar avatar--mini";
  avatar.style.backgroundColor = user.color;
  avatar.innerHTML = user.initials; // server-escaped
  return avatar;
}

function open(form) {
  form.hidden = false;
  form.closest("nav.sidebar").classList.add("sidebar--picking");
  parts(form).input.focus();
}

function close(form) {
  const { input, picks, list } = parts(form);
  form.hidden = true;
  form.closest("nav.sidebar")?.classList.remove("sidebar--picking");
  input.value = "";
  picks.replaceChildren();
  list.replaceChildren();
  suggestions = [];
  update(form);
}

function update(form) {
  const { submit, input } = parts(form);
  submit.disabled = pickedIds(form).length === 0;
  input.setAttribute("aria-expanded", String(suggestions.length > 0));
}

function show(form, users) {
  const { list } = parts(form);
  suggestions = users;
  selected = 0;
  list.replaceChildren(
    ...users.map((user, index) => {
      const item = document.createElement("li");
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", String(index === selected));
      const name = document.createElement("span");
      name.innerHTML = user.name; // server-escaped
      item.append(avatarTile(user), name);
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        pick(form, index);
      });
      return item;
    }),
  );
  update(form);
}

function highlight(form) {
  for (const [index, item] of [...parts(form).list.children].entries())
    item.setAttribute("aria-selected", String(index === selected));
}

function pick(form, index) {
  const user = suggestions[index];
  if (!user) return;
  const { input, picks } = parts(form);
  const chip = document.createElement("button");
  chip.type = "button";
  chip.className = "ping-picker__pick";
  chip.title = "Remove";
  const field = document.createElement("input");
  field.type = "hidden";
  field.name = "user_ids[]";
  field.value = String(user.value);
  const name = document.createElement("span");
  name.innerHTML = user.name; // server-escaped
  chip.append(field, avatarTile(user), name);
  chip.addEventListener("click", () => {
    chip.remove();
    update(form);
    input.focus();
  });
  picks.append(chip);
  input.value = "";
  show(form, []);
  input.focus();
}

async function suggest(form) {
  const { input } = parts(form);
  const query = input.value.trim();
  if (!query) return show(form, []);
  const response = await fetch(`/autocompletable/users?${new URLSearchParams({ query })}`);
  if (!response.ok || input.value.trim() !== query) return;
  const taken = new Set([form.dataset.viewerId, ...pickedIds(form)]);
  show(
    form,
    (await response.json()).filter((user) => !taken.has(String(user.value))),
  );
}

document.addEventListener("click", (event) => {
  const opener = event.target.closest("[data-ping-picker-open]");
  if (opener) return open(pickerOf(opener));
  const closer = event.target.closest("[data-ping-picker-close]");
  if (closer) close(closer.closest(".ping-picker"));
});

document.addEventListener("input", (event) => {
  if (!event.target.matches("[data-ping-picker-input]")) return;
  const form = event.target.closest(".ping-picker");
  clearTimeout(timer);
  timer = setTimeout(() => suggest(form), DEBOUNCE_MS);
});

document.addEventListener("keydown", (event) => {
  if (!event.target.matches?.("[data-ping-picker-input]")) return;
  const form = event.target.closest(".ping-picker");
  const { input } = parts(form);
  if (event.key === "ArrowDown" || event.key === "ArrowUp") {
    if (suggestions.length === 0) return;
    selected = (selected + (event.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length;
    highlight(form);
  } else if (event.key === "Enter") {
    // A highlighted suggestion is picked; with none showing, Enter sends the form if anyone is picked.
    if (suggestions.length > 0) pick(form, selected);
    else if (pickedIds(form).length > 0) form.requestSubmit();
  } else if (event.key === "Backspace" && input.value === "") {
    parts(form).picks.lastElementChild?.remove();
    update(form);
  } else if (event.key === "Escape") {
    close(form);
  } else {
    return;
  }
  event.preventDefault();
});
