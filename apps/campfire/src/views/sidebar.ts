import { Account } from "../models/account.ts";
import type { Membership } from "../models/membership.ts";
import { Room } from "../models/room.ts";
import { User } from "../models/user.ts";
import { avatarView, initialsOf } from "./avatar.ts";
import { html, type SafeHtml } from "./html.ts";
import { newPingButton, pingPicker } from "./ping-picker.ts";
import { streamSource } from "./stream-source.ts";

interface Entry {
  room: Room;
  membership: Membership;
}

// Users::SidebarsController::DIRECT_PLACEHOLDERS: people you could Ping with one click.
const PING_PLACEHOLDERS = 20;

// Frame `user_sidebar`: Pings (most recently active first) with placeholders for people you have not
// pinged yet, then shared rooms. Invisible rooms are left out. The frame subscribes to the global rooms
// stream and the viewer's own stream, and is reloaded whole after a reconnect.
export function sidebarView(user: User, current: Room | null): SafeHtml {
  const entries = Room.allFor(user)
    .map((room) => ({ room, membership: room.memberships.of(user) }))
    .filter((entry): entry is Entry => entry.membership?.isVisible === true);
  const pings = entries
    .filter((entry) => entry.room.isDirect)
    .sort((a, b) => b.room.updatedAt.localeCompare(a.room.updatedAt));
  const shared = entries.filter((entry) => !entry.room.isDirect);
  const canCreate =
    user.isAdministrator || !Account.current(user.db)?.settings.restrictRoomCreationToAdministrators;
  return html`<turbo-frame id="user_sidebar" class="sidebar-frame" data-current-room-id="${current?.id ?? ""}">
    ${streamSource("rooms")}${streamSource(`user:${user.id}`)}
    <nav class="sidebar" aria-label="Rooms">
      ${pingPicker(user)}
      <div class="sidebar__pings">
        ${newPingButton()}
        <div id="direct_rooms" class="sidebar__ping-list">
          ${pings.map(({ room, membership }) => directRoomLink(room, user, membership))}
        </div>
        <div class="sidebar__placeholders">${placeholders(user, pings)}</div>
      </div>
      <div class="sidebar__heading">
        <span>Rooms</span>
        ${canCreate ? html`<a href="/rooms/opens/new" target="_top" class="sidebar__new" aria-label="New room" title="New room">+</a>` : ""}
      </div>
      <div id="shared_rooms" class="sidebar__rooms">
        ${shared.map(({ room, membership }) => sharedRoomLink(room, membership))}
      </div>
      <footer class="sidebar__footer">
        <a href="/users/me/profile" target="_top" class="sidebar__me" title="My profile" aria-label="My profile">${avatarView(user, "mini")}</a>
        <a href="/account/edit" target="_top">Settings</a>
        <a href="/searches" target="_top" class="sidebar__search">Search</a>
      </footer>
    </nav>
  </turbo-frame>`;
}

// The same markup for everyone who can see the room, so it can travel on the global rooms stream;
// "current" and "unread" are the browser's business after the first render.
export function sharedRoomLink(room: Room, membership?: Membership | null): SafeHtml {
  return html`<a id="list_${room.paramKey}_${room.id}" href="/rooms/${room.id}" target="_top"
    class="sidebar__room ${membership?.isUnread ? "unread" : ""}" data-room-id="${room.id}">
    <span class="sidebar__hash" aria-hidden="true">#</span>${room.name ?? ""}</a>`;
}

// A Ping is named by the other people in it, so it is rendered for each viewer.
export function directRoomLink(room: Room, viewer: User, membership?: Membership | null): SafeHtml {
  const others = room.memberships.users().filter((member) => member.id !== viewer.id);
  const shown = (others.length > 0 ? others : [viewer]).slice(0, 4);
  return html`<a id="list_${room.paramKey}_${room.id}" href="/rooms/${room.id}" target="_top"
    class="sidebar__room sidebar__ping ${membership?.isUnread ? "unread" : ""}" data-room-id="${room.id}"
    title="${room.displayNameFor(viewer)}">
    <span class="sidebar__ping-avatars">${shown.map((user) => avatarView(user, shown.length > 1 ? "mini" : "normal"))}</span>
    <span class="sidebar__ping-name">${pingLabel(others, viewer)}</span>
  </a>`;
}

// One other person goes by their first name; several by their initials joined ("JF+KM").
function pingLabel(others: readonly User[], viewer: User): string {
  if (others.length === 0) return viewer.firstName;
  if (others.length === 1) return others[0]?.firstName ?? "";
  return others.map((user) => initialsOf(user.name)).join("+");
}

function placeholders(viewer: User, pings: readonly Entry[]): SafeHtml[] {
  const pinged = new Set<number>();
  for (const { room } of pings) {
    const ids = room.memberships.userIds();
    if (ids.length === 2) for (const id of ids) pinged.add(id);
  }
  return User.active(viewer.db)
    .filter((user) => user.id !== viewer.id && !user.isBot && !pinged.has(user.id))
    .slice(0, PING_PLACEHOLDERS)
    .map(
      (
        user,
      ) => html`<form action="/rooms/directs" method="post" class="sidebar__placeholder" data-turbo-frame="_top">
        <input type="hidden" name="user_ids[]" value="${user.id}">
        <button type="submit" title="Ping ${user.name}" aria-label="Ping ${user.name}">${avatarView(user)}</button>
      </form>`,
    );
}
