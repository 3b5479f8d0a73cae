import type { Context } from "hono";
import { Room } from "../models/room.ts";
import type { User } from "../models/user.ts";
import { signedInUser } from "./authentication.ts";
import type { AppEnv } from "./env.ts";
import { idParam } from "./params.ts";

// Rooms are only ever reached through the viewer's memberships (administrators included), so an
// unknown room and somebody else's closed room look the same.
export function roomInScope(c: Context<AppEnv>, param = "room_id"): { user: User; room: Room | null } {
  const user = signedInUser(c);
  const id = idParam(c.req.param(param));
  return { user, room: id === null ? null : Room.findFor(user, id) };
}
