import { fromDbTime } from "../db/time.ts";
import { signedId } from "../models/signed-ids.ts";
import type { User } from "../models/user.ts";
import { html, type SafeHtml } from "./html.ts";

// The original's initials palette, picked by crc32 of the id so a person keeps their colour.
const PALETTE = [
  "#AF2E1B",
  "#CC6324",
  "#3B4B59",
  "#BFA07A",
  "#ED8008",
  "#ED3F1C",
  "#BF1B1B",
  "#736B1E",
  "#D07B53",
  "#736356",
  "#AD1D1D",
  "#BF7C2A",
  "#C09C6F",
  "#698F9C",
  "#7C956B",
  "#5D618F",
  "#3B3633",
  "#67695E",
];

export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word][0]?.toUpperCase() ?? "")
    .join("")
    .slice(0, 3);
}

export function avatarColor(userId: number): string {
  return PALETTE[Bun.hash.crc32(String(userId)) % PALETTE.length]!;
}

// `/users/<avatar token>/avatar?v=<updated_at>`: the token is a signed id (unguessable, no expiry)
// and `v` changes whenever the person does, so caches can keep an avatar for half an hour safely.
export function avatarPath(user: User): string {
  return `/users/${signedId(user.db, user.id, "avatar")}/avatar?v=${fromDbTime(user.updatedAt).getTime()}`;
}

// An uploaded avatar (or a bot's picture) is an image from the avatar route; a person without one
// gets the same initials tile drawn in place, which saves a request per face.
export function avatarView(user: User | null, size: "normal" | "mini" | "large" = "normal"): SafeHtml {
  if (user && (user.hasAvatar || user.isBot)) {
    return html`<img class="avatar avatar--${size}" src="${avatarPath(user)}" alt="" title="${user.title}"
      loading="lazy" aria-hidden="true">`;
  }
  const name = user?.name ?? "?";
  return html`<span class="avatar avatar--${size}" style="background-color: ${avatarColor(user?.id ?? 0)}"
    title="${user?.title ?? ""}" aria-hidden="true">${initialsOf(name)}</span>`;
}
