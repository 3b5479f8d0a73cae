import { fromDbTime } from "../db/time.ts";
import type { Message } from "../models/message.ts";
import type { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import { authenticityField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { involvementFrame } from "./involvement.ts";
import { lightboxView } from "./lightbox.ts";
import { messageView } from "./message.ts";
import { messageActionsTemplate } from "./message-actions.ts";
import { sidebarView } from "./sidebar.ts";
import { streamSource } from "./stream-source.ts";

export interface RoomPageView {
  room: Room;
  messages: Message[];
  viewer: User;
  csrfToken: string;
  // Set on a permalink: that message is highlighted and the view may not reach the newest message.
  highlightId?: number;
  upToDate: boolean;
}

export function roomPage(view: RoomPageView): SafeHtml {
  const { room, viewer } = view;
  const membership = room.memberships.of(viewer);
  return html`<div class="app">
    ${sidebarView(viewer, room)}
    <main class="room" id="main-content">
      <header class="room__header">
        <h1>${room.displayNameFor(viewer)}</h1>
        <div class="room__tools">
          <button type="button" class="btn notifications-enable" hidden title="Get notified on this device">🔔 Enable notifications</button>
          ${membership ? involvementFrame(room, membership) : ""}
          <a href="${settingsPath(room)}" class="room__settings" aria-label="Room settings" title="Room settings">…</a>
        </div>
      </header>
      ${streamSource(`room:${room.id}`)}
      <cable-presence room-id="${room.id}" hidden></cable-presence>
      <div id="messages_${room.paramKey}_${room.id}" class="messages" role="log" aria-live="polite"
        data-room-id="${room.id}" data-room-updated-at="${fromDbTime(room.updatedAt).getTime()}"
        data-up-to-date="${String(view.upToDate)}">
        ${view.messages.map((message) => messageView(message, { highlight: message.id === view.highlightId }))}
      </div>
      ${messageActionsTemplate()}
      <button type="button" class="jump-to-newest" hidden>Jump to newest message</button>
      ${composer(room, view.csrfToken)}
      ${lightboxView()}
    </main>
  </div>`;
}

export function settingsPath(room: Room): string {
  return `/rooms/${room.kind === "direct" ? "directs" : `${room.kind}s`}/${room.id}/edit`;
}

// Trix writes its HTML into the hidden input; the script fills client_message_id just before sending.
function composer(room: Room, csrfToken: string): SafeHtml {
  return html`<turbo-frame id="composer-frame" class="composer">
    <form id="composer" action="/rooms/${room.id}/messages" method="post" data-room-id="${room.id}">
      <a href="/searches" class="composer__search btn" aria-label="Search" title="Search" data-turbo-frame="_top">🔍</a>
      ${authenticityField(csrfToken)}
      <input type="hidden" name="message[client_message_id]" value="">
      <input type="hidden" id="message_body" name="message[body]" value="">
      <trix-editor input="message_body" class="composer__editor trix-content" aria-label="Message"
        data-autocomplete-room="${room.id}"></trix-editor>
      <label class="btn composer__attach" title="Attach files">📎<input type="file" multiple
        class="composer__file-input" aria-label="Attach files"></label>
      <button type="button" class="btn composer__rich-toggle" aria-pressed="false"
        aria-label="Formatting" title="Formatting (bold, links, quotes, code blocks, lists)">Aa</button>
      <button type="submit" class="btn btn--primary composer__send" aria-label="Send">Send</button>
      <div class="composer__files" aria-label="Files to send" hidden></div>
    </form>
    <div class="typing-indicator" aria-live="polite" hidden>
      <span class="typing-indicator__spinner" aria-hidden="true"></span><span class="typing-indicator__names"></span>
    </div>
  </turbo-frame>`;
}

// Shown in place of the composer when posting to a room you are no longer in.
export function roomDeletedFrame(): SafeHtml {
  return html`<turbo-frame id="composer-frame" class="composer">
    <p class="composer__gone panel--shake">This room was deleted.</p>
  </turbo-frame>`;
}
