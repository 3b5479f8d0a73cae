import { z } from "zod";

// Our WebSocket protocol on /cable, in place of ActionCable's (COMPATIBILITY.md): JSON text frames.
// The pages are the only client, so nothing else depends on ActionCable's wire format.

const roomId = z.number().int().positive();
const stream = z.string().min(1).max(100);

export const clientCommand = z.discriminatedUnion("command", [
  z.object({ command: z.literal("subscribe"), stream }),
  z.object({ command: z.literal("unsubscribe"), stream }),
  // Presence (features.md §14.2): a visible room page is present, refreshes every 50 s, and says it
  // is absent when hidden for 5 s.
  z.object({ command: z.literal("present"), room_id: roomId }),
  z.object({ command: z.literal("absent"), room_id: roomId }),
  z.object({ command: z.literal("refresh"), room_id: roomId }),
  z.object({ command: z.literal("typing"), room_id: roomId, action: z.enum(["start", "stop"]) }),
]);
export type ClientCommand = z.infer<typeof clientCommand>;

export function parseCommand(data: string | Buffer): ClientCommand | null {
  try {
    const parsed = clientCommand.safeParse(JSON.parse(typeof data === "string" ? data : data.toString()));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// Everything the server sends. Messages published on a stream name it, so one socket can carry all
// of a page's subscriptions and the browser routes each to its source element.
export type ServerMessage =
  | { type: "welcome" }
  | { type: "confirm"; stream: string }
  | { type: "reject"; stream: string }
  | { type: "stream"; stream: string; html: string }
  | { type: "unread"; stream: string; roomId: number }
  | { type: "read"; stream: string; room_id: number }
  | {
      type: "typing";
      stream: string;
      room_id: number;
      action: "start" | "stop";
      user: { id: number; name: string };
    }
  | { type: "revoked"; room_id: number };

export function encode(message: ServerMessage): string {
  return JSON.stringify(message);
}

export const roomStream = (roomId: number) => `room:${roomId}`;
export const userStream = (userId: number) => `user:${userId}`;
export const ROOMS_STREAM = "rooms";
// Bus topic (never a socket topic) telling every instance who just lost access to a room.
export const REVOCATIONS_TOPIC = "campfire:revocations";
// Bus topic naming every member a new message makes unread; each instance tells its own sockets.
export const UNREADS_TOPIC = "campfire:unreads";
// Bus topic telling every instance to close a person's sockets (deactivation, ban).
export const DISCONNECTIONS_TOPIC = "campfire:disconnections";
// Close code for a socket whose person may no longer be here: the page stops reconnecting and
// reloads, which takes it to the sign-in page.
export const CLOSE_UNAUTHORIZED = 4401;
