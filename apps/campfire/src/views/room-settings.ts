import type { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import { avatarView } from "./avatar.ts";
import { authenticityField, buttonTo, methodField } from "./forms.ts";
import { html, type SafeHtml } from "./html.ts";
import { sidebarView } from "./sidebar.ts";

export interface RoomFormView {
  kind: "open" | "closed";
  room: Room | null; // null: creating a new room
  viewer: User;
  people: User[]; // every active person who could be in it
  memberIds: ReadonlySet<number>;
  editable: boolean; // administrators and the creator; others only look
  csrfToken: string;
}

// New and edit forms for open and closed rooms (features.md §5.2, §5.4). The "Everyone" switch is a
// link to the same form of the other kind: saving there converts the room.
export function roomForm(view: RoomFormView): SafeHtml {
  const { kind, room } = view;
  const base = kind === "open" ? "/rooms/opens" : "/rooms/closeds";
  const action = room ? `${base}/${room.id}` : base;
  const otherKind = kind === "open" ? "closeds" : "opens";
  const switchHref = room ? `/rooms/${otherKind}/${room.id}/edit` : `/rooms/${otherKind}/new`;
  const disabled = !view.editable;
  return html`<div class="app">
    ${sidebarView(view.viewer, room)}
    <main class="room">
      <header class="room__header"><h1>${room ? "Room settings" : "New room"}</h1></header>
      <form action="${action}" method="post" class="panel panel--inline stack room-form">
        ${authenticityField(view.csrfToken)}${room ? methodField("PATCH") : ""}
        <label class="field"><span>Name</span>
          <input type="text" name="room[name]" value="${room?.name ?? "New room"}" required ${disabled ? "disabled" : ""}
            autocomplete="off"></label>
        <div class="room-form__everyone">
          <span>Everyone</span>
          ${
            disabled
              ? html`<span class="switch ${kind === "open" ? "switch--on" : ""}" aria-hidden="true"></span>`
              : html`<a href="${switchHref}" class="switch ${kind === "open" ? "switch--on" : ""}" role="switch"
                  aria-checked="${String(kind === "open")}" aria-label="Everyone"></a>`
          }
        </div>
        <ul class="room-form__people">
          ${view.people.map((person) => personRow(view, person))}
        </ul>
        ${view.editable ? html`<button type="submit" class="btn btn--primary">${room ? "Save changes" : "Create room"}</button>` : ""}
      </form>
      ${room && view.editable ? deleteRoomButton(room, view.csrfToken) : ""}
    </main>
  </div>`;
}

function personRow(view: RoomFormView, person: User): SafeHtml {
  const isSelf = person.id === view.viewer.id && !view.room;
  const checked = view.kind === "open" || view.memberIds.has(person.id) || isSelf;
  // On create you can't leave yourself out of your own closed room.
  const fixed = view.kind === "open" || isSelf || !view.editable;
  return html`<li class="room-form__person">
    <label>
      ${avatarView(person, "mini")}<span>${person.name}</span>
      ${view.kind === "closed" ? html`<input type="checkbox" name="user_ids[]" value="${person.id}" ${checked ? "checked" : ""} ${fixed ? "disabled" : ""}>` : html`<span aria-hidden="true">✓</span>`}
      ${view.kind === "closed" && isSelf ? html`<input type="hidden" name="user_ids[]" value="${person.id}">` : ""}
    </label>
  </li>`;
}

function deleteRoomButton(room: Room, csrfToken: string): SafeHtml {
  return html`<section class="panel panel--inline">
    ${buttonTo("Delete room", `/rooms/${room.id}`, csrfToken, {
      method: "DELETE",
      className: "btn btn--danger",
      confirm: "Are you sure you want to delete this room and all messages in it? This can’t be undone.",
    })}
  </section>`;
}

// The Ping settings page: who is in it, and Delete Ping for any of them.
export function directSettings(room: Room, viewer: User, csrfToken: string): SafeHtml {
  return html`<div class="app">
    ${sidebarView(viewer, room)}
    <main class="room">
      <header class="room__header"><h1>${room.displayNameFor(viewer)}</h1></header>
      <section class="panel panel--inline">
        <ul class="room-form__people">
          ${room.memberships.users().map((user) => html`<li class="room-form__person">${avatarView(user, "mini")}<span>${user.name}</span></li>`)}
        </ul>
        ${buttonTo("Delete Ping", `/rooms/directs/${room.id}`, csrfToken, {
          method: "DELETE",
          className: "btn btn--danger",
          confirm: "Are you sure you want to delete this Ping?",
        })}
      </section>
    </main>
  </div>`;
}
