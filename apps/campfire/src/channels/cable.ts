import type { Bus, HubSocket, WsHub } from "@rt/realtime";
import { createWsHub } from "@rt/realtime";
import type { Db } from "../db/database.ts";
import { Room } from "../models/room.ts";
import { User } from "../models/user.ts";
import { listenForDisconnections } from "./disconnections.ts";
import { absent, absentEverywhere, type PresenceState, present, refresh } from "./presence.ts";
import {
  CLOSE_UNAUTHORIZED,
  type ClientCommand,
  encode,
  parseCommand,
  roomStream,
  userStream,
} from "./protocol.ts";
import { listenForRevocations } from "./revocations.ts";
import { mayListen } from "./streams.ts";
import { listenForUnreads } from "./unreads.ts";

export type CableData = PresenceState;
export type CableSocket = HubSocket<CableData>;

export interface Cable {
  hub: WsHub<CableData>;
  // Closes every socket on this instance (shutdown): pages reconnect, to another instance if any.
  disconnectAll(code: number, reason: string): void;
  close(): Promise<void>;
}

// The /cable socket: one per browser tab, opened for a signed-in person only (the route checks the
// session cookie before upgrading). Every subscription is authorized when asked for.
export function createCable(db: Db, bus: Bus): Cable {
  const socketsByUser = new Map<number, Set<CableSocket>>();

  const hub: WsHub<CableData> = createWsHub<CableData>({
    bus,
    // Bun rounds small values up; pings keep a live page's socket open well inside this.
    idleTimeoutSeconds: 60,
    maxPayloadLength: 16 * 1024,
    backpressureLimit: 1024 * 1024,
    open(ws) {
      const sockets = socketsByUser.get(ws.data.userId) ?? new Set();
      socketsByUser.set(ws.data.userId, sockets.add(ws));
      hub.send(ws, encode({ type: "welcome" }));
    },
    async message(ws, data) {
      const command = parseCommand(data);
      if (command) await handle(ws, command);
    },
    close(ws) {
      socketsByUser.get(ws.data.userId)?.delete(ws);
      if (socketsByUser.get(ws.data.userId)?.size === 0) socketsByUser.delete(ws.data.userId);
      absentEverywhere(db, ws.data);
    },
  });

  async function handle(ws: CableSocket, command: ClientCommand): Promise<void> {
    switch (command.command) {
      case "subscribe":
        if (!mayListen(db, ws.data.userId, command.stream)) {
          hub.send(ws, encode({ type: "reject", stream: command.stream }));
          return;
        }
        await hub.subscribe(ws, command.stream);
        hub.send(ws, encode({ type: "confirm", stream: command.stream }));
        return;
      case "unsubscribe":
        await hub.unsubscribe(ws, command.stream);
        return;
      case "present":
        return present(db, ws.data, command.room_id);
      case "absent":
        return absent(db, ws.data, command.room_id);
      case "refresh":
        return refresh(db, ws.data, command.room_id);
      case "typing":
        return typing(ws, command.room_id, command.action);
    }
  }

  // Typing notices go to everyone on the room's stream, the typist included (the page ignores its
  // own); only members may send them, and they carry nothing but the typist's id and name.
  async function typing(ws: CableSocket, roomId: number, action: "start" | "stop"): Promise<void> {
    const user = User.find(db, ws.data.userId);
    if (!user || !Room.findFor(user, roomId)) return;
    const stream = roomStream(roomId);
    await hub.publish(
      stream,
      encode({ type: "typing", stream, room_id: roomId, action, user: { id: user.id, name: user.name } }),
    );
  }

  const revocations = listenForRevocations(bus, async ({ roomId, userIds }) => {
    for (const userId of userIds) {
      for (const ws of socketsByUser.get(userId) ?? []) {
        await hub.unsubscribe(ws, roomStream(roomId));
        ws.data.presentIn.delete(roomId);
        hub.send(ws, encode({ type: "revoked", room_id: roomId }));
      }
    }
  });

  // Only sockets listening to their person's own stream (a page's sidebar) get the mark, and not a
  // page that is showing the room right now: it never marks the room it shows. Each send is a write
  // of its own, so in a busy room of 2,000 this skips almost all of them.
  const unreads = listenForUnreads(bus, ({ roomId, userIds }) => {
    for (const userId of userIds) {
      const sockets = socketsByUser.get(userId);
      if (!sockets) continue;
      const stream = userStream(userId);
      const frame = encode({ type: "unread", stream, roomId });
      for (const ws of sockets) {
        if (!ws.data.presentIn.has(roomId) && ws.isSubscribed(stream)) hub.send(ws, frame);
      }
    }
  });

  const disconnections = listenForDisconnections(bus, (userId) => {
    for (const ws of socketsByUser.get(userId) ?? []) ws.close(CLOSE_UNAUTHORIZED, "unauthorized");
  });

  return {
    hub,
    disconnectAll(code, reason) {
      for (const sockets of socketsByUser.values()) for (const ws of sockets) ws.close(code, reason);
    },
    async close() {
      await (await revocations)();
      await (await disconnections)();
      await (await unreads)();
      await hub.close();
    },
  };
}
