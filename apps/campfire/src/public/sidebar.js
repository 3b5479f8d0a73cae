// The sidebar's live state: unread marks from the per-user stream, Pings jumping to the front, the
// current room highlighted, the app badge, and a fresh copy of the frame after a reconnect.
import { cable } from "/assets/cable.js";

const currentRoomId = () => document.querySelector(".messages[data-room-id]")?.dataset.roomId ?? null;
const entryFor = (roomId) => document.querySelector(`#user_sidebar .sidebar__room[data-room-id="${roomId}"]`);

function markCurrent() {
  const current = currentRoomId();
  for (const link of document.querySelectorAll("#user_sidebar .sidebar__room")) {
    const isCurrent = link.dataset.roomId === current;
    link.classList.toggle("current", isCurrent);
    if (isCurrent) link.classList.remove("unread");
  }
  updateBadge();
}

// The number of unread rooms goes on the app icon (installed app) and in front of the tab's title.
function updateBadge() {
  const count = document.querySelectorAll("#user_sidebar .sidebar__room.unread").length;
  const title = document.title.replace(/^\(\d+\) /, "");
  document.title = count > 0 ? `(${count}) ${title}` : title;
  if (!("setAppBadge" in navigator)) return;
  (count > 0 ? navigator.setAppBadge(count) : navigator.clearAppBadge()).catch(() => {});
}

cable.addEventListener("cable:unread", (event) => {
  const roomId = String(event.detail.roomId);
  const entry = entryFor(roomId);
  if (!entry) return;
  if (roomId !== currentRoomId()) entry.classList.add("unread");
  if (entry.classList.contains("sidebar__ping")) entry.parentElement.prepend(entry);
  updateBadge();
});

cable.addEventListener("cable:read", (event) => {
  entryFor(event.detail.room_id)?.classList.remove("unread");
  updateBadge();
});

// Marks may have been missed while the socket was down: reload the whole frame.
cable.addEventListener("connected", (event) => {
  if (!event.detail.reconnected) return;
  const frame = document.getElementById("user_sidebar");
  const current = currentRoomId();
  frame?.setAttribute("src", `/users/me/sidebar${current ? `?current=${current}` : ""}`);
});

document.addEventListener("turbo:load", markCurrent);
document.addEventListener("turbo:frame-load", markCurrent);
// Entries replaced or added by streams arrive without the "current" mark.
document.addEventListener("turbo:before-stream-render", (event) => {
  const render = event.detail.render;
  event.detail.render = async (stream) => {
    await render(stream);
    if (stream.target?.startsWith("list_") || stream.target?.endsWith("_rooms")) markCurrent();
  };
});
