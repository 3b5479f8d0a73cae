// "Jason, Kevin" under the composer while they type (features.md §14.3): each name lasts 5 s after
// its last notice, own notices are ignored, and a stop removes the name at once.
import { cable } from "/assets/cable.js";
import { currentUserId } from "/assets/message-formatter.js";

const EXPIRY_MS = 5000;
const TICK_MS = 1000;
const typists = new Map(); // user id → { name, roomId, at }

function render() {
  const indicator = document.querySelector(".typing-indicator");
  if (!indicator) return;
  const roomId = document.querySelector(".messages[data-room-id]")?.dataset.roomId;
  const now = Date.now();
  for (const [id, typist] of typists) if (now - typist.at > EXPIRY_MS) typists.delete(id);
  const names = [...typists.values()]
    .filter((typist) => String(typist.roomId) === roomId)
    .map((typist) => typist.name)
    .sort((a, b) => a.localeCompare(b));
  indicator.hidden = names.length === 0;
  indicator.querySelector(".typing-indicator__names").textContent = names.join(", ");
}

cable.addEventListener("cable:typing", (event) => {
  const { user, action, room_id } = event.detail;
  if (String(user.id) === currentUserId()) return;
  if (action === "start") typists.set(user.id, { name: user.name, roomId: room_id, at: Date.now() });
  else typists.delete(user.id);
  render();
});

// A message from someone ends their typing.
document.addEventListener("turbo:before-stream-render", (event) => {
  if (event.target.action !== "append") return;
  for (const message of event.target.templateContent.querySelectorAll(".message[data-user-id]")) {
    typists.delete(Number(message.dataset.userId));
  }
  render();
});

setInterval(render, TICK_MS);
document.addEventListener("turbo:load", render);
