import type { Db } from "../db/database.ts";
import type { Message } from "./message.ts";
import type { Room } from "./room.ts";

// Where Room#receive hands a new message for Web Push (push/ implements it). Like the broadcaster it
// travels with the database handle; an unconnected handle notifies nobody.
export interface PushNotifier {
  messagePosted(room: Room, message: Message): void;
}

const notifiers = new WeakMap<Db, PushNotifier>();

export function connectPushNotifier(db: Db, notifier: PushNotifier): void {
  notifiers.set(db, notifier);
}

export function pushNotifierFor(db: Db): PushNotifier | null {
  return notifiers.get(db) ?? null;
}
