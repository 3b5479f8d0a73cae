// Files from the composer (features.md §11): the attach button, pasting into the editor, or
// dropping anywhere on the messages or the composer queue files as tiles under the editor (sorted
// by name; click one to take it out). Sending uploads each file as a message of its own, shown at
// once as "<name> - NN%" and replaced by the server's copy; typed text still goes as its own message.

import { currentUserId } from "/assets/message-formatter.js";
import { scrollToBottom } from "/assets/message-list.js";
import { renderStreamMessage } from "/assets/turbo.js";

const queue = [];
const composer = () => document.getElementById("composer");
const csrfToken = () => document.querySelector("meta[name='csrf-token']")?.content ?? "";
const randomClientMessageId = () => Math.random().toString(36).slice(2);

function renderQueue() {
  const tiles = composer()?.querySelector(".composer__files");
  if (!tiles) return;
  queue.sort((a, b) => a.name.localeCompare(b.name));
  tiles.replaceChildren(
    ...queue.map((file) => {
      const tile = document.createElement("button");
      tile.type = "button";
      tile.className = "composer__file";
      tile.title = `Remove ${file.name}`;
      if (file.type.startsWith("image/")) {
        const preview = document.createElement("img");
        preview.alt = "";
        preview.src = URL.createObjectURL(file);
        preview.onload = () => URL.revokeObjectURL(preview.src);
        tile.append(preview);
      }
      const name = document.createElement("span");
      name.textContent = file.name;
      tile.append(name);
      tile.addEventListener("click", () => {
        queue.splice(queue.indexOf(file), 1);
        renderQueue();
      });
      return tile;
    }),
  );
  tiles.hidden = queue.length === 0;
}

function enqueue(files) {
  if (!composer()) return;
  queue.push(...files);
  renderQueue();
}

function pendingUpload(clientId, name) {
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
  const body = document.createElement("div");
  body.className = "message__body";
  body.textContent = `${name} - 0%`;
  message.append(body);
  return { message, progress: (percent) => (body.textContent = `${name} - ${percent}%`) };
}

// XHR rather than fetch: upload progress. The answer is the same Turbo Stream a text message gets,
// whose element id (the client id) replaces the pending copy.
function upload(file, roomId) {
  const clientId = randomClientMessageId();
  const pending = pendingUpload(clientId, file.name);
  document.querySelector(".messages[data-room-id]")?.append(pending.message);
  scrollToBottom();
  const form = new FormData();
  form.append("message[attachment]", file);
  form.append("message[client_message_id]", clientId);
  const request = new XMLHttpRequest();
  request.open("POST", `/rooms/${roomId}/messages`);
  request.setRequestHeader("X-CSRF-Token", csrfToken());
  request.setRequestHeader("Accept", "text/vnd.turbo-stream.html");
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) pending.progress(Math.round((event.loaded / event.total) * 100));
  });
  request.addEventListener("load", () => {
    if (request.status === 200) renderStreamMessage(request.responseText);
    else pending.message.classList.add("message--failed");
  });
  request.addEventListener("error", () => pending.message.classList.add("message--failed"));
  request.send(form);
}

document.addEventListener("change", (event) => {
  if (!event.target.matches?.(".composer__file-input")) return;
  enqueue([...event.target.files]);
  event.target.value = "";
});

// Trix hands over pasted and dropped files here; the composer queues them instead of embedding them.
document.addEventListener("trix-file-accept", (event) => {
  event.preventDefault();
  if (event.target.closest("#composer") && event.file) enqueue([event.file]);
});

const dropZone = (target) => target.closest?.(".messages[data-room-id], #composer-frame");
document.addEventListener("dragover", (event) => {
  if (!event.dataTransfer?.types.includes("Files") || !dropZone(event.target)) return;
  event.preventDefault();
  document.querySelector(".messages[data-room-id]")?.classList.add("messages--dropping");
});
document.addEventListener("dragleave", (event) => {
  if (dropZone(event.target))
    document.querySelector(".messages--dropping")?.classList.remove("messages--dropping");
});
document.addEventListener("drop", (event) => {
  document.querySelector(".messages--dropping")?.classList.remove("messages--dropping");
  if (!event.dataTransfer?.files.length || !dropZone(event.target)) return;
  // Trix's own drop handling would also see files dropped on the editor; one queue entry is enough.
  event.preventDefault();
  event.stopPropagation();
  enqueue([...event.dataTransfer.files]);
});

// Runs before the composer's own submit handling (imported first): files leave first, each as its
// own upload; an empty editor then sends nothing more.
document.addEventListener(
  "submit",
  (event) => {
    const form = event.target;
    if (form?.id !== "composer" || queue.length === 0) return;
    for (const file of queue.splice(0)) upload(file, form.dataset.roomId);
    renderQueue();
  },
  true,
);

document.addEventListener("turbo:before-visit", () => {
  queue.length = 0;
});
