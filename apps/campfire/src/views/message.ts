import type { AttachedBlob } from "../models/attached-file.ts";
import type { Message } from "../models/message.ts";
import { SOUNDS } from "../sounds/catalog.ts";
import { avatarView } from "./avatar.ts";
import { boostingFrame } from "./boosts.ts";
import { html, type SafeHtml } from "./html.ts";
import { messageActions } from "./message-actions.ts";
import { presentRichText } from "./rich-text.ts";

// One message with the DOM ids live updates target (http.md §5). The markup is the same for every
// reader, because the room's stream sends one copy to everyone: "mine", "mentions me" and who may
// edit are worked out by the browser from data attributes (and the `admin` body class).
export function messageView(
  message: Message,
  // Search results name the room each message is in.
  options: { highlight?: boolean; roomName?: string } = {},
): SafeHtml {
  const key = message.clientMessageId;
  const creator = message.creator;
  const createdAt = message.createdAtTime;
  return html`<div id="message_${key}" class="message ${options.highlight ? "search-highlight" : ""}"
    data-message-id="${message.id}" data-room-id="${message.roomId}" data-user-id="${message.creatorId}"
    data-message-timestamp="${createdAt.getTime()}"
    data-message-updated-at="${message.updatedAtTime.getTime()}"
    data-sort-value="${createdAt.getTime()}">
    <a href="/users/${message.creatorId}" class="message__avatar" tabindex="-1">${avatarView(creator)}</a>
    <div class="message__content">
      <div class="message__meta">
        <a class="message__author" href="/users/${message.creatorId}" title="${creator?.title ?? ""}">${creator?.name ?? "Someone"}</a>
        <a class="message__permalink" href="/rooms/${message.roomId}/@${message.id}" data-turbo-frame="_top">
          <time datetime="${createdAt.toISOString()}" data-local-time>${createdAt.toISOString().slice(11, 16)}</time>
        </a>
        ${options.roomName !== undefined ? html`<span class="message__room">${options.roomName}</span>` : ""}
      </div>
      <turbo-frame id="edit_message_${key}">${presentationView(message)}</turbo-frame>
      ${boostingFrame(message)}
    </div>
    ${messageActions()}
  </div>`;
}

// `presentation_message_<cmid>`: the part an edit replaces.
export function presentationView(message: Message): SafeHtml {
  const sound = message.sound;
  const attachment = message.attachment;
  return html`<div id="presentation_message_${message.clientMessageId}" class="message__body">
    ${
      attachment
        ? attachmentView(message, attachment)
        : sound
          ? soundView(sound)
          : html`<div class="trix-content">${presentRichText(message.db, message.bodyHtml)}</div>`
    }
  </div>`;
}

// Images show inline and open in the page's lightbox (views/lightbox.ts); other files are a download link. Either way the file is fetched through the
// room, so only its members can (routes/attachments.ts).
function attachmentView(message: Message, attachment: AttachedBlob): SafeHtml {
  const url = `/rooms/${message.roomId}/messages/${message.id}/attachment`;
  return html`<div class="attachment">
    ${
      attachment.contentType?.startsWith("image/")
        ? html`<a href="${url}" target="_blank" class="attachment__image-link" data-lightbox
            data-download-url="${url}?download=1" data-filename="${attachment.filename}"><img src="${url}"
            alt="${attachment.filename}" loading="lazy" class="attachment__image"></a>`
        : html`<a href="${url}?download=1" class="attachment__file" download="${attachment.filename}">📄 ${attachment.filename}</a>`
    }
  </div>`;
}

function soundView(name: string): SafeHtml {
  return html`<div class="sound" data-sound="${name}">
    <button type="button" class="sound__play" data-play-sound="${name}" aria-label="Play ${name}">🔊</button>
    <span class="sound__caption">${SOUNDS.get(name)?.caption ?? name}</span>
  </div>`;
}
