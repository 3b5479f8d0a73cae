// Presentation that depends on the reader, applied in the browser because every reader gets the same
// broadcast markup: mine, threaded, mentions me, emoji-only, day separators, local times, own boosts,
// and link targets (same-origin links stay in the app).
const THREAD_WINDOW_MS = 5 * 60 * 1000;
const EMOJI_ONLY = /^(?:\p{Extended_Pictographic}|\p{Emoji_Component}|\u200d|\ufe0f)+$/u;

export const currentUserId = () => document.querySelector('meta[name="current-user-id"]')?.content ?? null;

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });
const titleFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "short" });

function formatMessage(message, previous, me) {
  const timestamp = Number(message.dataset.messageTimestamp);
  const day = new Date(timestamp).toDateString();
  const previousTime = previous ? Number(previous.dataset.messageTimestamp) : null;
  const firstOfDay = !previous || new Date(previousTime).toDateString() !== day;
  message.classList.toggle("message--me", message.dataset.userId === me);
  message.classList.toggle(
    "message--threaded",
    !firstOfDay &&
      previous?.dataset.userId === message.dataset.userId &&
      timestamp - previousTime < THREAD_WINDOW_MS,
  );
  message.classList.toggle("message--first-of-day", firstOfDay);
  if (firstOfDay) message.dataset.day = dayFormat.format(new Date(timestamp));
  const body = message.querySelector(".message__body .trix-content");
  message.classList.toggle(
    "message--mentioned",
    Boolean(me && body?.querySelector(`.mention[data-user-id="${me}"]`)),
  );
  const text = body?.textContent.trim() ?? "";
  message.classList.toggle("message--emoji", text !== "" && !/\s/.test(text) && EMOJI_ONLY.test(text));
  for (const boost of message.querySelectorAll(".boost")) {
    boost.classList.toggle("boost--mine", boost.dataset.boosterId === me);
  }
  for (const time of message.querySelectorAll("time[data-local-time]")) {
    const at = new Date(time.dateTime);
    time.textContent = timeFormat.format(at);
    time.title = titleFormat.format(at);
  }
  for (const link of body?.querySelectorAll("a[href]") ?? []) {
    const sameOrigin = new URL(link.href, location.href).origin === location.origin;
    link.target = sameOrigin ? "_top" : "_blank";
    if (!sameOrigin) link.rel = "noreferrer";
  }
}

export function formatMessages(list) {
  const me = currentUserId();
  let previous = null;
  for (const message of list.querySelectorAll(":scope > .message")) {
    formatMessage(message, previous, me);
    previous = message;
  }
}

// Re-format whenever the list changes: streams, pagination, optimistic copies, boosts.
let observer = null;
document.addEventListener("turbo:load", () => {
  observer?.disconnect();
  const list = document.querySelector(".messages");
  if (!list) return;
  formatMessages(list);
  observer = new MutationObserver(() => {
    observer.disconnect();
    formatMessages(list);
    observer.observe(list, { childList: true, subtree: true });
  });
  observer.observe(list, { childList: true, subtree: true });
});
