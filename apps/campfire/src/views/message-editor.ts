import type { Message } from "../models/message.ts";
import {
  attachmentsIn,
  decodeAttribute,
  MENTION_CONTENT_TYPE,
  userIdFromSgid,
} from "../models/rich-text/mentions.ts";
import { User } from "../models/user.ts";
import { html, type SafeHtml } from "./html.ts";
import { mentionChip } from "./rich-text.ts";

// Frame `edit_message_<cmid>`: the inline editor. Save (also Ctrl/Cmd+Enter), Delete (confirmed) and
// Close (also Esc), which loads the message back without changes.
export function editMessageFrame(message: Message): SafeHtml {
  const key = message.clientMessageId;
  const path = `/rooms/${message.roomId}/messages/${message.id}`;
  return html`<turbo-frame id="edit_message_${key}">
    <div class="message-editor">
      <form action="${path}" method="post" class="message-editor__form" data-message-editor>
        <input type="hidden" name="_method" value="PATCH">
        <input type="hidden" id="edit_body_${key}" name="message[body]" value="${toTrixHtml(message)}">
        <trix-editor input="edit_body_${key}" class="message-editor__editor trix-content" autofocus
          aria-label="Edit message" data-autocomplete-room="${message.roomId}"></trix-editor>
        <div class="message-editor__buttons">
          <button type="submit" class="btn btn--primary btn--small" aria-label="Save" title="Save">✓ Save</button>
          <a href="${path}" class="btn btn--small message-editor__close" aria-label="Close" title="Close">×</a>
        </div>
      </form>
      <form action="${path}" method="post" class="message-editor__delete"
        data-turbo-confirm="Are you sure you want to delete this message?" data-turbo-frame="_top">
        <input type="hidden" name="_method" value="DELETE">
        <button type="submit" class="btn btn--small btn--danger" aria-label="Delete" title="Delete">🗑 Delete</button>
      </form>
    </div>
  </turbo-frame>`;
}

// Trix reads mentions back as content attachments carrying their sgid, the way it wrote them.
function toTrixHtml(message: Message): string {
  const body = message.bodyHtml;
  let out = "";
  let cursor = 0;
  for (const attachment of attachmentsIn(body)) {
    out += body.slice(cursor, attachment.start);
    cursor = attachment.end;
    const sgid = decodeAttribute(attachment.attributes.sgid ?? "");
    const id = userIdFromSgid(sgid);
    const user = id === null ? null : User.find(message.db, id);
    if (attachment.attributes["content-type"] !== MENTION_CONTENT_TYPE || !user) continue;
    const json = JSON.stringify({
      contentType: MENTION_CONTENT_TYPE,
      sgid,
      content: mentionChip(user).value,
    });
    out += html`<figure data-trix-attachment="${json}" data-trix-content-type="${MENTION_CONTENT_TYPE}"
      class="attachment attachment--content"></figure>`.value;
  }
  return out + body.slice(cursor);
}
