// The room's message list: follows new messages when the reader is at the bottom (else offers "Jump
// to newest message"), pages history in both directions, keeps the DOM to 300 messages, keeps late
// arrivals in time order, and catches up on what was missed while disconnected or hidden.

import { cable } from "/assets/cable.js";
import { playIfSound } from "/assets/sounds.js";
import { renderStreamMessage, visit } from "/assets/turbo.js";

const AUTOSCROLL_THRESHOLD_PX = 100;
const MAX_MESSAGES = 300;
const LEEWAY = 20;
const REFRESH_AFTER_HIDDEN_MS = 60_000;

const list = () => document.querySelector(".messages[data-room-id]");
const nearBottom = (element) =>
  element.scrollHeight - element.scrollTop - element.clientHeight <= AUTOSCROLL_THRESHOLD_PX;
const upToDate = (element) => element.dataset.upToDate !== "false";
const jumpButton = () => document.querySelector(".jump-to-newest");

export function scrollToBottom() {
  const element = list();
  if (element) element.scrollTop = element.scrollHeight;
  if (jumpButton()) jumpButton().hidden = true;
}

// A message that arrived late (older than ones already shown) moves back into time order.
function placeInOrder(message) {
  const sortValue = Number(message.dataset.sortValue);
  let previous = message.previousElementSibling;
  while (previous && Number(previous.dataset.sortValue) > sortValue)
    previous = previous.previousElementSibling;
  if (previous !== message.previousElementSibling) {
    if (previous) previous.after(message);
    else message.parentElement.prepend(message);
  }
}

function trim(element, from) {
  const messages = element.querySelectorAll(":scope > .message");
  if (messages.length <= MAX_MESSAGES + LEEWAY) return;
  const excess = [...messages].slice(
    from === "top" ? 0 : MAX_MESSAGES,
    from === "top" ? messages.length - MAX_MESSAGES : undefined,
  );
  for (const message of excess) message.remove();
  if (from === "bottom") element.dataset.upToDate = "false";
}

document.addEventListener("turbo:before-stream-render", (event) => {
  const stream = event.target;
  const element = list();
  if (!element) return;
  const intoList = stream.target === element.id && stream.action === "append";
  const render = event.detail.render;
  if (intoList && !upToDate(element)) {
    // Reading history: don't open a gap by appending; offer the way back instead.
    event.detail.render = async () => {
      jumpButton().hidden = false;
    };
    return;
  }
  const wasNearBottom = nearBottom(element);
  const fromBottom = element.scrollHeight - element.scrollTop;
  event.detail.render = async (streamElement) => {
    const ids = [...stream.templateContent.children].map((child) => child.id).filter(Boolean);
    await render(streamElement);
    if (intoList) {
      for (const id of ids) {
        const message = document.getElementById(id);
        if (!message) continue;
        placeInOrder(message);
        playIfSound(message);
      }
      trim(element, "top");
      if (wasNearBottom) scrollToBottom();
      else jumpButton().hidden = false;
    } else if (stream.hasAttribute("maintain_scroll")) {
      element.scrollTop = wasNearBottom ? element.scrollHeight : element.scrollHeight - fromBottom;
    }
  };
});

let loading = false;
async function loadPage(element, direction) {
  const messages = element.querySelectorAll(":scope > .message");
  const edge = direction === "before" ? messages[0] : messages[messages.length - 1];
  if (loading || !edge || element.dataset[`${direction}Exhausted`]) return;
  loading = true;
  try {
    const response = await fetch(
      `/rooms/${element.dataset.roomId}/messages?${direction}=${edge.dataset.messageId}`,
    );
    if (response.status === 204) {
      if (direction === "after") element.dataset.upToDate = "true";
      else element.dataset.beforeExhausted = "true";
      return;
    }
    if (!response.ok) return;
    const fragment = document.createRange().createContextualFragment(await response.text());
    if (direction === "before") {
      const height = element.scrollHeight;
      element.prepend(fragment);
      element.scrollTop += element.scrollHeight - height;
      trim(element, "bottom");
    } else {
      element.append(fragment);
      trim(element, "top");
    }
  } finally {
    loading = false;
  }
}

// "Jump to newest message": the last page, scrolled to the bottom.
async function jumpToNewest() {
  const element = list();
  const response = await fetch(`/rooms/${element.dataset.roomId}/messages`);
  element.innerHTML = response.status === 204 ? "" : await response.text();
  element.dataset.upToDate = "true";
  delete element.dataset.beforeExhausted;
  scrollToBottom();
}

// Catch-up: everything created or changed since the newest change this page knows about.
async function refresh() {
  const element = list();
  if (!element) return;
  const known = [...element.querySelectorAll(":scope > .message")].map((message) =>
    Number(message.dataset.messageUpdatedAt),
  );
  const since = Math.max(Number(element.dataset.roomUpdatedAt) || 0, ...known);
  const response = await fetch(`/rooms/${element.dataset.roomId}/refresh?since=${since}`, {
    headers: { Accept: "text/vnd.turbo-stream.html" },
  });
  if (response.ok) renderStreamMessage(await response.text());
}

document.addEventListener("turbo:load", () => {
  const element = list();
  if (!element) return;
  const highlighted = element.querySelector(".search-highlight");
  if (highlighted) highlighted.scrollIntoView({ block: "center" });
  else scrollToBottom();
  element.addEventListener("scroll", () => {
    if (element.scrollTop < 200) loadPage(element, "before");
    if (nearBottom(element)) {
      if (!upToDate(element)) loadPage(element, "after");
      else jumpButton().hidden = true;
    }
  });
  jumpButton()?.addEventListener("click", jumpToNewest);
});

cable.addEventListener("connected", (event) => {
  if (event.detail.reconnected) refresh();
});

let hiddenAt = null;
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") hiddenAt = Date.now();
  else if (hiddenAt && Date.now() - hiddenAt > REFRESH_AFTER_HIDDEN_MS) refresh();
});

// Removed from the room you're looking at (or it was deleted): leave it.
cable.addEventListener("cable:revoked", (event) => {
  if (list()?.dataset.roomId === String(event.detail.room_id)) visit("/");
});
